// The "Cost per month" section: the cost model's money (analysis/cost.ts) with its 95% interval,
// the published anchors priced at the same traffic beside it, and the model and its assumptions in
// words, so nobody reads the figure without knowing what it assumes. Plain-text helpers are shared
// with summary.md; costHtml is index.html's fragment.
import { COST_FLAGS, type CostEstimate, type CostInputKey, type CostLine, type CostTotal, type Money } from '../analysis/cost.ts';
import { badge, esc, table } from './html-tables.ts';
import { formatOverheadValue } from './overheads-section.ts';
import { loadPointLabel } from './summary.ts';

export const NO_COST_INPUTS = `No cost inputs, so no money figures: add a cost: block to the suite (vcpuHour, gibHour, trafficRps, meshedPods; see README "Cost per month") or give meshbench report <run-dir> ${[COST_FLAGS.vcpuHour, COST_FLAGS.gibHour, COST_FLAGS.trafficRps, COST_FLAGS.meshedPods].map((flag) => `${flag} N`).join(' ')}.`;

export const COST_EMULATION_NOTE =
  'Emulation figures: the money of local processes that imitate the proxies, not of Istio or Knative on Kubernetes — a rehearsal of the model, not a price.';

/** A monthly amount with about three significant digits below 100, whole units above: "12.3 USD". */
export function formatAmount(value: number, currency: string): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : abs >= 0.01 ? 3 : 4;
  const sign = value < 0 ? '−' : '';
  return `${sign}${abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${currency}`;
}

/** "29.20 USD (95% CI 26.00 USD … 32.40 USD)". */
export function formatMoney(money: Money, currency: string): string {
  return `${formatAmount(money.value, currency)} (95% CI ${formatAmount(money.low, currency)} … ${formatAmount(money.high, currency)})`;
}

/** "2000 rps · 150 meshed pods · 0.0316 USD per vCPU-hour (suite) · …": the inputs and where each came from. */
export function costInputsText(estimate: CostEstimate): string {
  const { inputs, from } = estimate;
  const source = (key: CostInputKey) => (from[key] === 'flag' ? ` (${COST_FLAGS[key]})` : from[key] === 'suite' ? ' (suite)' : '');
  const parts = [
    `${inputs.trafficRps} rps${source('trafficRps')}`,
    `${inputs.meshedPods} meshed pods${source('meshedPods')}`,
    ...(inputs.nodes === undefined ? [] : [`${inputs.nodes} nodes${source('nodes')}`]),
    `${inputs.vcpuHour} ${inputs.currency} per vCPU-hour${source('vcpuHour')}`,
    `${inputs.gibHour} ${inputs.currency} per GiB-hour${source('gibHour')}`,
    `${estimate.hoursPerMonth} hours a month`,
  ];
  return parts.join(' · ');
}

export function costPoint(row: CostLine | CostTotal): string {
  return `${row.experiment} · ${loadPointLabel(row.rate, row.connections)}`;
}

/** A total in words: the money, or why none; what it leaves out. */
export function totalText(total: CostTotal, currency: string): string {
  const money = total.monthly ? formatMoney(total.monthly, currency) : 'no money figure';
  const left = total.unpriced.length > 0 ? `; not priced: ${total.unpriced.join('; ')}` : '';
  return `${money}${left}`;
}

export function anchorText(value: number | undefined, currency: string): string {
  return value === undefined ? '–' : formatAmount(value, currency);
}

function figureText(line: CostLine): string {
  if (line.figure === undefined) return '–';
  const ci = line.ci ? ` (${formatOverheadValue(line.measure, line.ci.low)} … ${formatOverheadValue(line.measure, line.ci.high)})` : '';
  return `${formatOverheadValue(line.measure, line.figure)}${ci}`;
}

function lineMoney(line: CostLine, currency: string): string {
  if (!line.monthly) return `${badge('warn', 'not priced')} ${esc(line.reason ?? '')}`;
  const text = esc(formatMoney(line.monthly, currency));
  return line.verdict === 'no measurable difference' ? `${text} ${badge('neutral', 'no measurable difference')}` : text;
}

/** index.html's cost section body: the note on how to add inputs when there are none. */
export function costHtml(estimate: CostEstimate | undefined, options: { emulation: boolean }): string {
  if (!estimate) return `<p class="omitted">${esc(NO_COST_INPUTS)}</p>`;
  const currency = estimate.inputs.currency;
  const emulation = options.emulation ? `<p class="note">${esc(COST_EMULATION_NOTE)}</p>` : '';
  if (estimate.lines.length === 0) {
    return `<p>${esc(costInputsText(estimate))}</p>${emulation}<p class="omitted">No comparison has resource overheads to price.</p>${modelHtml(estimate)}`;
  }
  const totals = table(
    ['Comparison', 'Point', { label: 'Money per month (95% CI)', kind: 'wrap' }, { label: 'Published anchors, same traffic', kind: 'num' }],
    estimate.totals.map((total) => [
      `${esc(total.comparison)} <span class="note">(${esc(total.candidate)} vs ${esc(total.baseline)})</span>`,
      esc(costPoint(total)),
      `<strong>${esc(totalText(total, currency))}</strong>`,
      esc(anchorText(total.anchorMonthly, currency)),
    ]),
  );
  const lines = table(
    ['Comparison', 'Point', 'Component', 'Resource', 'Scales', { label: 'Figure (95% CI)', kind: 'num' }, { label: 'Money per month (95% CI)', kind: 'wrap' }, { label: 'Anchor per month', kind: 'wrap' }],
    estimate.lines.map((line) => [
      esc(line.comparison),
      esc(costPoint(line)),
      esc(line.component),
      line.resource,
      esc(`${line.scaling} ${line.scaledBy}`),
      esc(figureText(line)),
      lineMoney(line, currency),
      line.anchor ? `${esc(formatAmount(line.anchor.monthly, currency))} <span class="note">${esc(line.anchor.source)}</span>` : '–',
    ]),
  );
  return `<p>${esc(costInputsText(estimate))}</p>
${emulation}
${totals}
<details><summary>Per component (${estimate.lines.length} lines)</summary>
${lines}
</details>
${modelHtml(estimate)}`;
}

function modelHtml(estimate: CostEstimate): string {
  return `<h3>The model</h3>
<ul>${estimate.formulas.map((formula) => `<li><code>${esc(formula)}</code></li>`).join('')}</ul>
<h3>Assumptions</h3>
<ul>${estimate.assumptions.map((assumption) => `<li>${esc(assumption)}</li>`).join('')}</ul>
<p class="note">The same figures are in <code>cost.csv</code> and <code>cost.json</code>; other prices or traffic: <code>meshbench report &lt;run-dir&gt; ${esc(COST_FLAGS.trafficRps)} N</code> (no new run needed).</p>`;
}
