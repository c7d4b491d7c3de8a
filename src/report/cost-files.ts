// cost.csv and cost.json: the cost model's lines and totals for scripts. The CSV's columns are a
// contract (DESIGN.md, "Contracts that others rely on"): add columns only at the end.
import { stringify } from 'csv-stringify/sync';
import type { CostEstimate } from '../analysis/cost.ts';
import { round } from './format.ts';

/**
 * One row per priced component line, then one `total` row per comparison and load point (bounds
 * summed). figure* are in the unit of `measure`; monthly* and anchor_monthly in `currency` per
 * month; empty monthly fields with a `reason` when the figure could not be priced.
 */
export const COST_COLUMNS = [
  'comparison', 'experiment', 'baseline', 'candidate', 'rate', 'connections', 'component', 'resource', 'scaling',
  'measure', 'scaled_by', 'figure', 'figure_low', 'figure_high', 'verdict', 'currency', 'monthly', 'monthly_low',
  'monthly_high', 'reason', 'anchor_value', 'anchor_monthly', 'anchor_source',
] as const;

const money = (value: number | undefined) => round(value, 4);
const figure = (value: number | undefined) => round(value, 6);

export function costCsv(estimate: CostEstimate): string {
  const { currency } = estimate.inputs;
  const lines = estimate.lines.map((line) => [
    line.comparison, line.experiment, line.baseline, line.candidate, line.rate, line.connections, line.component, line.resource,
    line.scaling, line.measure, line.scaledBy, figure(line.figure), figure(line.ci?.low), figure(line.ci?.high), line.verdict, currency,
    money(line.monthly?.value), money(line.monthly?.low), money(line.monthly?.high), line.reason, figure(line.anchor?.value),
    money(line.anchor?.monthly), line.anchor?.source,
  ]);
  const totals = estimate.totals.map((total) => [
    total.comparison, total.experiment, total.baseline, total.candidate, total.rate, total.connections, 'total', 'cpu+memory',
    undefined, undefined, undefined, undefined, undefined, undefined, undefined, currency,
    money(total.monthly?.value), money(total.monthly?.low), money(total.monthly?.high),
    total.unpriced.length > 0 ? `not priced: ${total.unpriced.join('; ')}` : undefined, undefined, money(total.anchorMonthly), undefined,
  ]);
  return stringify([...lines, ...totals], { header: true, columns: [...COST_COLUMNS] });
}

/** The whole estimate: inputs and where each came from, the model, its assumptions, lines and totals. */
export function costJson(estimate: CostEstimate): string {
  return `${JSON.stringify({ schemaVersion: 1, ...estimate }, null, 2)}\n`;
}
