// Issue 10.3: a threshold is judged on the exact 95% interval of the shift, which 3 against 3
// repetitions cannot reach (C(6, 3) = 20 < 40): every run would fail it as "cannot be judged".
// So validate (and run and plan, which validate) refuse it up front, at the experiment's line.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.ts';
import { FIXTURES, problemsOf } from './problems-of.ts';

const FILE = `${FIXTURES}/threshold-too-few-repetitions.yaml`;

describe('thresholds need enough repetitions', () => {
  it('refuses an experiment a threshold covers with too few repetitions, naming file, line, key and the fix', async () => {
    expect(await problemsOf(FILE)).toEqual([
      {
        file: FILE, line: 10, column: 18, key: 'experiments[0].repetitions',
        message:
          'expected repetitions: 4 or more (the exact 95% interval needs C(m+n, m) ≥ 40 for m and n repetitions a side), or no threshold can be judged here ("sidecar tax" p50, "sidecar tax" p99); got 3',
      },
    ]);
  });

  it('accepts the same suite without thresholds: the comparison then reports insufficient repetitions', async () => {
    const text = (await readFile(FILE, 'utf8')).replace(/thresholds:[\s\S]*$/, '');
    const file = join(await mkdtemp(join(tmpdir(), 'meshbench-')), 'suite.yaml');
    await writeFile(file, text);
    const suite = await loadSuite(file);
    expect(suite.experiments.map((experiment) => experiment.type === 'load' && experiment.repetitions)).toEqual([3, 4]);
  });
});
