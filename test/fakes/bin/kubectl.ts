// A fake `kubectl` that only knows `version --client` (the real one's output format).
import { fail, record } from './common.ts';

const argv = process.argv.slice(2);
record('kubectl', argv);
if (argv[0] === 'version' && argv.includes('--client')) {
  console.log('Client Version: v1.34.0\nKustomize Version: v5.7.1');
} else {
  fail(`fake kubectl: unsupported: ${argv.join(' ')}`);
}
