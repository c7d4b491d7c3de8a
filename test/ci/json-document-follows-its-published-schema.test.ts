import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciDocument } from '../../src/ci/document.ts';
import { ciJsonSchemaFiles } from '../../src/ci/json-schema.ts';
import { loadRunCiReport, runCiReport } from '../../src/ci/run-report.ts';
import { fixtureRun } from '../report/fixtures.ts';
import { runDocumentErrors } from './run-document-schema.ts';

const RECORDED = new URL('../fixtures/runs/local-412cb26', import.meta.url).pathname;

describe('the --json document of run', () => {
  it('has committed schemas exactly as the zod schemas generate them (regenerate with `meshbench schema`)', async () => {
    const files = ciJsonSchemaFiles();
    expect(Object.keys(files)).toContain('run-json.schema.json');
    for (const [name, text] of Object.entries(files)) expect(await readFile(join('schema', name), 'utf8'), name).toBe(text);
  });

  it('of a complete run with a failed threshold: valid, status failed, one check per threshold with its reason', () => {
    const { record, results } = fixtureRun();
    const document = ciDocument(runCiReport('reports/x', record, results, 1));
    expect(runDocumentErrors(JSON.parse(JSON.stringify(document)))).toEqual([]);
    expect(document).toMatchObject({ schemaVersion: 1, command: 'run', status: 'failed', exitCode: 1 });
    expect(document.checks.map(({ group, name, outcome, message }) => ({ group, name, outcome, message }))).toEqual([
      { group: 'run', name: 'run completed', outcome: 'passed', message: undefined },
      { group: 'thresholds', name: 'sidecar tax p99', outcome: 'failed', message: 'p99 delta 5 ms exceeds 1 ms' },
      { group: 'thresholds', name: 'knative <b>hop</b> p50', outcome: 'passed', message: 'within 5 ms' },
    ]);
    expect(document.checks[1]!.detail).toContain('latency-vs-rate 500 rps · 16 conn: Δ +5.00 ms (95% CI +4.50 ms … +5.50 ms), slower, 2 vs 2 repetitions');
  });

  it('of an interrupted run: the run check fails, thresholds are not judged, status interrupted', () => {
    const { record, results } = fixtureRun({ partial: { missing: 3 } });
    const document = ciDocument(runCiReport('reports/x', record, results, 130));
    expect(runDocumentErrors(JSON.parse(JSON.stringify(document)))).toEqual([]);
    expect(document.status).toBe('interrupted');
    expect(document.checks.map((check) => check.outcome)).toEqual(['failed', 'skipped', 'skipped']);
    expect(document.checks[0]!.message).toBe('interrupted by SIGINT: measured cells kept, run marked partial');
    expect(document.checks[1]!.message).toBe('not judged (run partial): p99 delta 5 ms exceeds 1 ms');
  });

  it('of a recorded run read back by `report`: valid, with per-point medians and the exit code run gave it', async () => {
    const report = await loadRunCiReport(RECORDED);
    const document = JSON.parse(JSON.stringify(ciDocument(report)));
    expect(runDocumentErrors(document)).toEqual([]);
    expect(document.exitCode).toBe(0);
    expect(document.result.cells).toEqual({ planned: 13, measured: 13, errored: 0 });
    const baseline = document.result.points.find((point: { profile: string; experiment: string }) => point.profile === 'baseline');
    expect(baseline).toMatchObject({ point: '100 rps · 4 conn', cells: 4 });
    expect(baseline.metrics.find((metric: { metric: string }) => metric.metric === 'p50')).toMatchObject({ unit: 'ms', repetitions: 4 });
  });

  it('the schema can fail: a document with an unknown key or a wrong status is refused', () => {
    const { record, results } = fixtureRun();
    const document = JSON.parse(JSON.stringify(ciDocument(runCiReport('reports/x', record, results, 1))));
    expect(runDocumentErrors({ ...document, extra: 1 })).not.toEqual([]);
    expect(runDocumentErrors({ ...document, status: 'ok' })).not.toEqual([]);
    expect(runDocumentErrors({ ...document, result: { ...document.result, points: [{ profile: 'a' }] } })).not.toEqual([]);
  });
});
