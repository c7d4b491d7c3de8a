// What `trend` reads: every (suite, profile, experiment, point, metric) of the history as a
// series of runs, oldest first, each with its per-repetition values. `db` is what --db takes.
import type { MetricUnit } from '../results/cell-metrics.ts';
import { readRuns } from './list-runs.ts';
import { withHistory } from './open-history.ts';
import type { MetricSeries, SeriesRun } from './series.ts';

/** Series sorted by suite, profile, experiment, point and metric (numbers in them as numbers: 100 rps before 1000 rps). */
export function readSeries(db: string, filter: { suite?: string } = {}): Promise<MetricSeries[]> {
  return withHistory(db, { create: false }, async (connection) => {
    const runs = new Map((await readRuns(connection, filter)).map((run) => [run.runId, run]));
    const rows = await connection.query(
      `SELECT r.run_id, r.suite, c.profile, c.experiment, c.point, v.metric, v.unit, v.value
       FROM cell_values v
       JOIN cells c ON c.run_id = v.run_id AND c.cell_id = v.cell_id
       JOIN runs r ON r.run_id = v.run_id
       ${filter.suite === undefined ? '' : 'WHERE r.suite = ?'}
       ORDER BY r.started_at, r.run_id, c.repetition, c.cell_id`,
      filter.suite === undefined ? [] : [filter.suite],
    );
    const series = new Map<string, MetricSeries & { byRun: Map<string, SeriesRun> }>();
    for (const row of rows) {
      const key = { suite: String(row.suite), profile: String(row.profile), experiment: String(row.experiment), point: String(row.point), metric: String(row.metric) };
      const id = JSON.stringify(Object.values(key));
      let entry = series.get(id);
      if (!entry) {
        entry = { key, unit: row.unit as MetricUnit, runs: [], byRun: new Map() };
        series.set(id, entry);
      }
      const runId = String(row.run_id);
      let run = entry.byRun.get(runId);
      if (!run) {
        const listed = runs.get(runId)!;
        run = { runId, startedAt: listed.startedAt, labels: { ...listed.labels }, values: [] };
        entry.byRun.set(runId, run);
        entry.runs.push(run);
      }
      run.values.push(Number(row.value));
    }
    const order = new Intl.Collator('en', { numeric: true });
    const sortKey = ({ key }: MetricSeries) => [key.suite, key.profile, key.experiment, key.point, key.metric];
    return [...series.values()]
      .map(({ key, unit, runs: seriesRuns }) => ({ key, unit, runs: seriesRuns }))
      .sort((a, b) => {
        const [x, y] = [sortKey(a), sortKey(b)];
        for (let i = 0; i < x.length; i++) {
          const difference = order.compare(x[i]!, y[i]!);
          if (difference !== 0) return difference;
        }
        return 0;
      });
  });
}
