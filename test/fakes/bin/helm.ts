// A fake `helm`: `version --short` prints vX.Y.Z+g<commit> like Helm 3.
import { fail, record } from './common.ts';

const argv = process.argv.slice(2);
record('helm', argv);
if (argv[0] === 'version') {
  console.log('v3.19.0+g3d8990f');
} else {
  fail(`fake helm: unsupported: ${argv.join(' ')}`);
}
