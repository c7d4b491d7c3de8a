// node:sqlite's ExperimentalWarning (printed by Node 22 and early 24 releases; Node 24.21, the
// devDependency, no longer prints it) is dropped while the module loads, and nothing else is:
// checked on a real process's stderr, where Node prints warnings.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = fileURLToPath(new URL('../../src/history/sqlite-module.ts', import.meta.url));

function node(script: string) {
  return execa(process.execPath, ['--input-type=module', '-e', script], { reject: false });
}

describe('loading node:sqlite', () => {
  it('drops the SQLite ExperimentalWarning during the load, and only that warning, only then', async () => {
    const { stderr, exitCode } = await node(`
      import { withoutSqliteWarning } from ${JSON.stringify(module)};
      await withoutSqliteWarning(async () => {
        process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
        process.emitWarning('Another feature is experimental', 'ExperimentalWarning');
        process.emitWarning('SQLite is an experimental feature, said as a DeprecationWarning', 'DeprecationWarning');
      });
      process.emitWarning('SQLite is an experimental feature and might change at any time (after the load)', 'ExperimentalWarning');
    `);
    expect(exitCode).toBe(0);
    expect(stderr).toContain('ExperimentalWarning: Another feature is experimental');
    expect(stderr).toContain('DeprecationWarning: SQLite is an experimental feature, said as a DeprecationWarning');
    expect(stderr).toContain('(after the load)');
    expect(stderr.match(/ExperimentalWarning: SQLite/g)).toHaveLength(1);
  });

  it('prints nothing when the history opens its database', async () => {
    const { stderr, stdout, exitCode } = await node(`
      import { loadSqlite } from ${JSON.stringify(module)};
      const { DatabaseSync } = await loadSqlite();
      console.log(new DatabaseSync(':memory:').prepare('SELECT 1 AS one').get().one);
    `);
    expect({ exitCode, stdout, stderr }).toEqual({ exitCode: 0, stdout: '1', stderr: '' });
  });
});
