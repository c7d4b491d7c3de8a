// A fake `istioctl`: `version --remote=false` prints the bare client version, as istioctl does
// when the control-plane check is suppressed.
import { fail, record } from './common.ts';

const argv = process.argv.slice(2);
record('istioctl', argv);
if (argv[0] === 'version') {
  console.log(process.env.FAKE_ISTIOCTL_VERSION ?? '1.28.3');
} else {
  fail(`fake istioctl: unsupported: ${argv.join(' ')}`);
}
