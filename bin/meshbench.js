#!/usr/bin/env node
// Node ≥ 22.18 runs the TypeScript sources directly (type stripping), so there is no build step.
// Checked here, in plain JavaScript, because an older Node fails on the first .ts import with a
// message that does not say what is wrong.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `meshbench needs Node >= 22.18 (this is ${process.version}). ` +
      'Run it through npm (npm start, npx meshbench), which uses the Node 24 devDependency, ' +
      'or install a newer Node.\n',
  );
  process.exit(3);
}
await import('../src/cli/main.ts');
