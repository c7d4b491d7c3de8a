// Done-when of the history: what `history add` stores comes back out of `history list` and
// readSeries as cellMetrics computed it, through a SQLite file and through a real PostgreSQL
// server started here (test/support/postgres.ts) — the same code, two databases.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/errors.ts';
import { addRun } from '../../src/history/add-run.ts';
import { listRuns } from '../../src/history/list-runs.ts';
import { withHistory } from '../../src/history/open-history.ts';
import { readSeries } from '../../src/history/read-series.ts';
import type { MetricSeries } from '../../src/history/series.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { CURRENT_RUN, expectedSeries, OLD_RUN, writeSyntheticRun, type Expected } from './runs.ts';

/** readSeries's answer in the shape of expectedSeries. */
function asExpected(series: MetricSeries[]): Expected {
  return new Map(series.map(({ key, runs }) => [[key.suite, key.profile, key.experiment, key.point, key.metric].join('|'), new Map(runs.map((run) => [run.startedAt, run.values]))]));
}

/** A trigger that fails the insert of one p99 value: an add that breaks half-way. */
const FAIL_AN_INSERT = {
  sqlite: "CREATE TRIGGER refuse_p99 BEFORE INSERT ON cell_values WHEN NEW.metric = 'p99' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
  postgres: `CREATE FUNCTION refuse_p99() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
             CREATE TRIGGER refuse_p99 BEFORE INSERT ON cell_values FOR EACH ROW WHEN (NEW.metric = 'p99') EXECUTE FUNCTION refuse_p99()`,
};

function roundTrip(name: string, newDb: () => Promise<string>) {
  describe(name, () => {
    let synthetic: string;
    beforeAll(async () => {
      synthetic = await writeSyntheticRun();
    });
    afterAll(async () => {
      await rm(synthetic, { recursive: true, force: true });
    });

    it('gives back every run, oldest first, and every per-repetition value cellMetrics computed', async () => {
      const db = await newDb();
      // Added out of order: the history orders by when the runs started.
      const outcomes = [await addRun(db, synthetic, { sha: 'abc123', istio: '1.28.3-patched' }), await addRun(db, CURRENT_RUN, {}), await addRun(db, OLD_RUN, { sha: 'e81825c' })];
      expect(outcomes.map((outcome) => outcome.added)).toEqual([true, true, true]);

      const runs = await listRuns(db);
      expect(runs.map((run) => [run.suite, run.target, run.status])).toEqual([
        ['tiny-old', 'local', 'complete'],
        ['tiny-current', 'local', 'complete'],
        ['tiny-current', 'kind', 'partial'],
      ]);
      expect(runs.map((run) => run.runId)).toEqual([outcomes[2]!.runId, outcomes[1]!.runId, outcomes[0]!.runId]);
      expect(runs[0]!.labels).toEqual({ sha: 'e81825c' });
      expect(runs[1]!.labels).toEqual({}); // the local target emulates: it runs none of the pinned releases
      // The user's istio label wins over the pin; the other pins are recorded as labels.
      expect(runs[2]!.labels).toMatchObject({ sha: 'abc123', istio: '1.28.3-patched', knative: '1.19.5', 'net-kourier': '1.19.5', kind: 'v0.30.0' });
      expect(runs[2]!.pinned).toEqual(expect.arrayContaining(['knative', 'net-kourier', 'kind', 'node-image']));
      expect(runs[2]!.pinned).not.toContain('istio');
      expect(runs[1]!.machine).toMatchObject({ hostname: 'vm', cpus: 2, cpuModel: 'AMD EPYC' });
      expect(runs[1]!.stacks.map((stack) => stack.profile)).toEqual(['baseline', 'istio-sidecar', 'knative-kourier']);
      expect(runs.map((run) => run.values)).toEqual(outcomes.map((outcome) => outcome.values).reverse());

      const series = await readSeries(db);
      const expected = await expectedSeries([OLD_RUN, CURRENT_RUN, synthetic]);
      expect(expected.size).toBeGreaterThan(20);
      expect(asExpected(series)).toEqual(expected);
      // Values are per repetition: the current fixture ran 4.
      const p50 = series.find((s) => s.key.suite === 'tiny-current' && s.key.profile === 'baseline' && s.key.metric === 'p50')!;
      expect(p50.unit).toBe('ms');
      expect(p50.runs[0]!.values).toHaveLength(4);
      // The synthetic run stopped before its last cells, which include the last repetition of some.
      const partial = p50.runs[1]!.values;
      expect(partial.length).toBeGreaterThanOrEqual(3);
      expect(partial).toEqual(p50.runs[0]!.values.slice(0, partial.length).map((value) => value * 1.5));
      expect(p50.runs[1]!.labels.sha).toBe('abc123');

      const current = await readSeries(db, { suite: 'tiny-current' });
      expect(asExpected(current)).toEqual(await expectedSeries([OLD_RUN, CURRENT_RUN, synthetic], 'tiny-current'));
      expect(current.every((s) => s.key.suite === 'tiny-current')).toBe(true);
    });

    it('adding a run again changes nothing and says so', async () => {
      const db = await newDb();
      const first = await addRun(db, CURRENT_RUN, { sha: 'one' });
      const before = { runs: await listRuns(db), series: await readSeries(db) };
      const again = await addRun(db, CURRENT_RUN, { sha: 'two' });
      expect(again).toMatchObject({ runId: first.runId, added: false });
      expect({ runs: await listRuns(db), series: await readSeries(db) }).toEqual(before);
    });

    it('an add that fails half-way leaves nothing of the run', async () => {
      const db = await newDb();
      await addRun(db, OLD_RUN, {});
      await withHistory(db, { create: false }, (connection) => connection.exec(FAIL_AN_INSERT[connection.dialect]));
      const failed = addRun(db, CURRENT_RUN, {});
      await expect(failed).rejects.toBeInstanceOf(EnvironmentError);
      await expect(failed).rejects.toThrow(/refused by the test/);
      expect((await listRuns(db)).map((run) => run.suite)).toEqual(['tiny-old']);
      expect((await readSeries(db)).every((s) => s.key.suite === 'tiny-old')).toBe(true);
      const cells = await withHistory(db, { create: false }, (connection) => connection.query("SELECT COUNT(*) AS n FROM cells WHERE run_id LIKE '%tiny-current%'"));
      expect(Number(cells[0]!.n)).toBe(0);
    });
  });
}

let dir: string;
let server: PostgresServer;
let databases = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-history-'));
  server = await startPostgres();
}, 120_000); // initdb and a first start, on a machine other tests may be loading

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

roundTrip('SQLite', async () => path.join(dir, `history-${++databases}.sqlite`));
roundTrip('PostgreSQL', async () => server.createDatabase(`history_${++databases}`));

describe('PostgreSQL shared by CI jobs', () => {
  it('records a run added by two jobs at once, and a fresh database migrated by both, once', async () => {
    const db = await server.createDatabase(`history_${++databases}`);
    const outcomes = await Promise.all([addRun(db, CURRENT_RUN, {}), addRun(db, CURRENT_RUN, {}), addRun(db, OLD_RUN, {})]);
    expect(outcomes.map((outcome) => outcome.added).sort()).toEqual([false, true, true]);
    expect((await listRuns(db)).map((run) => run.suite)).toEqual(['tiny-old', 'tiny-current']);
    const versions = await withHistory(db, { create: false }, (connection) => connection.query('SELECT version FROM schema_version'));
    expect(versions).toEqual([{ version: 1 }]);
  });
});
