// What `history add` records of a run beside its values: the releases its profiles pin as
// labels (the user's own labels win), an id that is the same wherever the run is added from,
// and a refusal of runs with nothing to record.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { historyRun, runId } from '../../src/history/history-run.ts';
import { loadRun } from '../../src/results/store.ts';
import { CURRENT_RUN } from './runs.ts';

const { record, results } = await loadRun(CURRENT_RUN);
const onKind = { ...record, target: 'kind' as const };

describe('history run', () => {
  it('records the pinned releases as labels on a cluster target, and none on local', () => {
    const labels = historyRun(onKind, results, CURRENT_RUN, {}).labels;
    expect(Object.fromEntries(labels.map((label) => [label.key, [label.value, label.source]]))).toEqual({
      istio: ['1.28.3', 'pin'],
      knative: ['1.19.5', 'pin'],
      'net-kourier': ['1.19.5', 'pin'],
      kind: ['v0.30.0', 'pin'],
      'node-image': [record.suite.profiles[0]!.kubernetes!.nodeImage, 'pin'],
    });
    expect(historyRun(record, results, CURRENT_RUN, {}).labels).toEqual([]);
  });

  it('lists every release when profiles pin different ones, and lets a --label replace a pin', () => {
    const [first, ...rest] = onKind.suite.profiles;
    const mixed = { ...onKind, suite: { ...onKind.suite, profiles: [...rest, { ...first!, serving: { type: 'knative' as const, version: '1.18.2' } }] } };
    const labels = historyRun(mixed, results, CURRENT_RUN, { istio: 'custom-build', sha: 'abc' }).labels;
    expect(labels.find((label) => label.key === 'knative')).toEqual({ key: 'knative', value: '1.19.5, 1.18.2', source: 'pin' });
    expect(labels.filter((label) => label.key === 'istio')).toEqual([{ key: 'istio', value: 'custom-build', source: 'user' }]);
    expect(labels.find((label) => label.key === 'sha')).toEqual({ key: 'sha', value: 'abc', source: 'user' });
  });

  it('has an id readable as the run directory name and the same for the same run', () => {
    expect(runId(record)).toMatch(/^20261202T051606Z-tiny-current-[0-9a-f]{8}$/);
    expect(runId(structuredClone(record))).toBe(runId(record));
    // Another run of the same suite that started in the same second is another run.
    expect(runId({ ...record, finishedAt: '2026-12-02T05:16:29.000Z' })).not.toBe(runId(record));
    expect(runId({ ...record, environment: { ...record.environment, hostname: 'ci-2' } })).not.toBe(runId(record));
  });

  it('refuses a failed run (nothing measured) and a run still running, naming why', () => {
    expect(() => historyRun({ ...record, status: 'failed', error: 'every cell errored' }, [], 'reports/x', {})).toThrow(UsageError);
    expect(() => historyRun({ ...record, status: 'failed', error: 'every cell errored' }, [], 'reports/x', {})).toThrow('reports/x: the run failed and measured nothing to record (every cell errored)');
    expect(() => historyRun({ ...record, status: 'running' }, results, 'reports/x', {})).toThrow(/still running/);
  });

  it('keeps a partial run with its status', () => {
    expect(historyRun({ ...record, status: 'partial' }, results.slice(0, 2), 'reports/x', {})).toMatchObject({ status: 'partial', cells: [{}, {}] });
  });
});
