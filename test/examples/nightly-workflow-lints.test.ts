// Issue 12 item 6: the nightly workflow users copy lints with a GitHub workflow validator from npm
// (@action-validator/cli: the workflow JSON Schema of SchemaStore). It checks structure, not what
// an action's `with:` takes nor the cron syntax, so the checks a copy most depends on are asserted
// here too. The workflow itself has not run here: no container engine on this machine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { steps, WORKFLOW, workflow, workflowText } from './workflow.ts';

const VALIDATOR = fileURLToPath(new URL('../../node_modules/@action-validator/cli/cli.mjs', import.meta.url));
const validate = (file: string) => execa(process.execPath, [VALIDATOR, file], { reject: false });

let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe('the example nightly workflow', () => {
  it('lints: action-validator exits 0 and reports nothing', async () => {
    const result = await validate(WORKFLOW);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('a broken copy (its job without runs-on) fails the same lint, naming the missing key', async () => {
    dir = await mkdtemp(join(tmpdir(), 'meshbench-workflow-'));
    const broken = join(dir, 'nightly.yml');
    const withoutRunsOn = workflowText.replace(/^ +runs-on: .*\n/m, '');
    expect(withoutRunsOn).not.toBe(workflowText);
    await writeFile(broken, withoutRunsOn);
    const result = await validate(broken);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('/jobs/nightly/runs-on');
  });

  it('runs nightly and by hand, on a standard Linux runner, and never in this repository', () => {
    expect(workflowText).toMatch(/^on:\n  schedule:\n    - cron: '\d+ \d+ \* \* \*'/m);
    expect(workflowText).toMatch(/^  workflow_dispatch:$/m);
    expect(Object.values(workflow.jobs).map((job) => job['runs-on'])).toEqual(['ubuntu-latest']);
    expect(WORKFLOW).not.toContain('.github/workflows');
  });

  it('pins every action to at least a major version, and uploads with always()', () => {
    const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w-]+\/[\w-]+@v\d+(\.\d+){0,2}$/);
    const uploads = steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(uploads.length).toBe(2);
    for (const upload of uploads) expect(upload.if).toBe('always()');
  });

  it('fails the job when trend exits non-zero or a threshold fails, after the history is committed', () => {
    const names = steps.map((step) => step.name ?? step.uses ?? step.run);
    const trend = steps.find((step) => step.id === 'trend')!;
    expect(trend.run).toMatch(/meshbench trend .*--junit /);
    expect((trend as Record<string, unknown>)['continue-on-error']).toBe(true);
    const gate = steps.at(-1)!;
    expect(gate.if).toBe("steps.trend.outcome == 'failure' || steps.run.outputs.exit-code == '1'");
    expect(gate.run).toMatch(/exit 1\s*$/);
    expect(names.indexOf('Commit the history')).toBeGreaterThan(names.indexOf('Trend over the history'));
  });
});
