// A fake `docker` client. FAKE_DOCKER_DAEMON=down answers like docker 28 with no daemon running
// (checked against the real client on a machine without a daemon).
import { DAEMON_DOWN, daemonDown, fail, record } from './common.ts';

const VERSION = '28.2.2';
const argv = process.argv.slice(2);
record('docker', argv);

if (argv[0] === '--version') {
  console.log(`Docker version ${VERSION}, build e6534b4`);
} else if (argv[0] === 'info') {
  const formatted = argv.includes('--format') || argv.some((arg) => arg.startsWith('--format='));
  if (daemonDown()) {
    // The client section still prints before the error; with --format only an empty line does.
    process.stdout.write(formatted ? '\n' : 'Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n\nServer:\n');
    fail(DAEMON_DOWN);
  }
  console.log(formatted ? VERSION : `Client:\n Version:    ${VERSION}\n Context:    default\n\nServer:\n Server Version: ${VERSION}\n Storage Driver: overlay2`);
} else if (argv[0] === 'pull') {
  if (daemonDown()) fail(DAEMON_DOWN);
  console.log(`Status: Image is up to date for ${argv[1]}`);
} else if (argv[0] === 'tag') {
  if (daemonDown()) fail(DAEMON_DOWN);
  // docker tag prints nothing on success.
} else {
  fail(`docker: '${argv[0]}' is not a docker command.\nSee 'docker --help'`);
}
