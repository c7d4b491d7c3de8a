// Issue 11.1: yaml's toJS threw on an unresolved alias and on more than 100 aliases (its guard
// against "billion laughs"), exit 3 with no file, line or key. Now aliases are checked before the
// document becomes data: each must resolve, and the file may hold 10,000 values once they are
// expanded — so a bounded billion laughs is refused at its line and ordinary aliasing loads.
import { describe, expect, it } from 'vitest';
import { MAX_VALUES } from '../../src/suite/expansion.ts';
import { loadSuite } from '../../src/suite/load.ts';
import { problemsOf } from './problems-of.ts';
import { smallSuite, suiteFile } from './suite-file.ts';

const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((level, i) => `${level}: &${level} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');

describe('YAML aliases in a suite', () => {
  it('an unresolved alias is a problem at the alias, with its key', async () => {
    const { file } = await suiteFile(smallSuite({ profiles: '[*nope]' }));
    expect(await problemsOf(file)).toEqual([
      { file, line: 4, column: 12, key: 'profiles[0]', message: 'expected an anchor &nope earlier in the file for the alias *nope; got none' },
    ]);
  });

  it('an alias used before its anchor is unresolved too, as YAML has it', async () => {
    const { file } = await suiteFile(smallSuite({ experiment: '    rates: *r\n    duration: 1s\n    repetitions: 1\n    connections: &r [4]' }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ line: 9, column: 12, key: 'experiments[0].rates', message: expect.stringContaining('*r') })]);
  });

  it('an unresolved alias inside a profile file names that file', async () => {
    const { file, profilesDir } = await suiteFile(smallSuite({ profiles: '[broken]' }), { broken: 'name: broken\nmesh: { type: *mesh }\n' });
    const problems = await problemsOf(file, { profilesDir });
    expect(problems).toEqual([expect.objectContaining({ file: `${profilesDir}/broken.yaml`, line: 2, column: 15, key: 'mesh.type' })]);
  });

  it('a bounded billion laughs is refused at the alias where the expansion passes the bound', async () => {
    const { file } = await suiteFile(`${smallSuite()}${laughs}\n`);
    const problems = await problemsOf(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line: 15, key: expect.stringMatching(/^d\[\d\]$/) });
    expect(problems[0]?.message).toMatch(/^expected at most 10,000 values in the file with its aliases expanded/);
  });

  it('an alias inside the node it names is refused instead of becoming a cycle', async () => {
    const { file } = await suiteFile(smallSuite({ top: 'workload: &w { delay: *w }' }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ line: 5, column: 23, key: 'workload.delay', message: expect.stringMatching(/would contain itself/) })]);
  });

  it('a list or an alias as a mapping key is refused at the key', async () => {
    const { file } = await suiteFile(smallSuite({ top: 'workload: { [1, 2]: 3 }' }));
    expect(await problemsOf(file)).toEqual([expect.objectContaining({ line: 5, column: 13, message: 'expected a plain key; got a list as a key' })]);
  });

  it('a suite with 300 aliases to small anchors loads, and each alias has its anchor value', async () => {
    const experiments = Array.from({ length: 100 }, (_, i) => `  - { name: e${i}, type: load, rates: *rates, duration: *d, warmup: *w, repetitions: 1 }`);
    const text = `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: aliased
profiles: [baseline]
workload: { delay: &w 0ms, size: 1024 }
stackWarmup: &d 1s
experiments:
  - { name: first, type: load, rates: &rates [50, 100], duration: 1s, repetitions: 1 }
${experiments.join('\n')}
`;
    const { file } = await suiteFile(text);
    const suite = await loadSuite(file);
    expect(suite.experiments).toHaveLength(101);
    expect(suite.experiments[100]).toMatchObject({ rates: [50, 100], duration: 1_000, warmup: 0 });
  });

  it('the bound is on values, so a document just under it loads', async () => {
    // The suite is about 20 values; a list of MAX_VALUES − 100 copies of one anchored value stays under the bound.
    const { file } = await suiteFile(smallSuite({ top: `description: &text "x"\nx-list: [${Array(MAX_VALUES - 100).fill('*text').join(', ')}]` }));
    const problems = await problemsOf(file);
    // Only the unknown key remains: the aliases themselves were fine.
    expect(problems).toEqual([expect.objectContaining({ key: 'x-list', message: expect.stringMatching(/^unknown key/) })]);
  });
});
