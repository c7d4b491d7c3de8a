// The text `meshbench plan` prints: per profile a header and an aligned table of its cells, then
// the totals, so a user sees what a run will do and how long it will take before starting it.
import { describeTimeToZero, knativeTimeToZero } from '../components/knative/time-to-zero.ts';
import { formatDuration } from '../suite/duration.ts';
import type { Profile, TargetName } from '../suite/schema.ts';
import { table } from '../text/table.ts';
import type { Plan, PlanCell, PlanGroup } from './types.ts';

export function formatPlan(plan: Plan): string {
  const lines = [`plan for suite ${plan.suite} on the ${plan.target} target`];
  for (const group of plan.groups) {
    const subtotal = `${count(group.cells.length, 'cell')}, about ${formatDuration(group.estimatedMs)}`;
    lines.push('', `${group.profile.name} — ${stackSummary(group.profile)} (${subtotal})`);
    const rows = group.cells.map((cell) => [cell.id, cell.type, params(cell, group.profile, plan.target), formatDuration(cell.estimatedMs)]);
    lines.push(...table([['cell', 'type', 'parameters', 'estimate'], ...rows]).map((row) => `  ${row}`));
    lines.push(`  ${warmupLine(group.warmup)}`);
  }
  lines.push('', ...orderLines(plan));
  const profiles = count(plan.groups.length, 'profile');
  lines.push('', `total: ${count(plan.cellCount, 'cell')} in ${profiles}, about ${formatDuration(plan.estimatedMs)}`);
  return lines.join('\n');
}

function warmupLine(warmup: PlanGroup['warmup']): string {
  if ('skipped' in warmup) return `stack warm-up: none (${warmup.skipped})`;
  const { cell } = warmup;
  const load = cell.model === 'closed' ? `${cell.connections} conn closed` : `${cell.rate} rps`;
  return `stack warm-up: ${formatDuration(cell.durationMs)} at ${load} (${cell.driver}) before its first measured cell, not recorded (about ${formatDuration(warmup.estimatedMs)})`;
}

/** The order cells run in, numbered, with where each stack is warmed and the reference cell. */
function orderLines(plan: Plan): string[] {
  const lines =
    plan.schedule === 'interleaved'
      ? ['run order (interleaved: every profile prepared up front; load cells round-robin, profiles reversed every other repetition; cold-start cells last):']
      : ['run order (sequential: one profile at a time, each closed before the next):'];
  const { reference } = plan;
  const referenceLine = (phase: string) =>
    `  reference cell (${phase}): ${reference!.repetitions} × ${formatDuration(reference!.durationMs)} at ${reference!.rate} rps against an echo server on 127.0.0.1`;
  if (reference) lines.push(referenceLine('start'));
  const warmed = new Set<string>();
  const width = String(plan.order.length).length;
  // Looked up by id: a search of every group per cell is quadratic, seconds for a 10,000-cell plan.
  const groupOf = new Map(plan.groups.flatMap((group) => group.cells.map((cell) => [cell.id, group] as const)));
  plan.order.forEach((id, index) => {
    const profile = groupOf.get(id)!;
    if (!warmed.has(profile.profile.name)) {
      warmed.add(profile.profile.name);
      if ('cell' in profile.warmup) lines.push(`  ${' '.repeat(width)}  warm up ${profile.profile.name}`);
    }
    lines.push(`  ${String(index + 1).padStart(width)}. ${id}`);
  });
  if (reference) lines.push(`${referenceLine('end')}; drift flagged when the 95% interval of end − start excludes 0 (about ${formatDuration(reference.estimatedMs)} for both)`);
  return lines;
}

/** "mesh: istio-sidecar 1.28.3 (telemetry default, mTLS strict) · serving: deployment", then any emulated regression. */
function stackSummary(profile: Profile): string {
  const { mesh, serving } = profile;
  const meshText =
    mesh.type === 'none'
      ? 'none'
      : `${[mesh.type, mesh.version].filter(Boolean).join(' ')} (telemetry ${mesh.telemetry}, mTLS ${mesh.mtls})`;
  const servingParts = [[serving.type, serving.version].filter(Boolean).join(' ')];
  if (serving.ingress) servingParts.push(`${serving.ingress} ingress`);
  const grace = serving.autoscaler?.scaleToZeroGracePeriod;
  if (grace !== undefined) servingParts.push(`scale-to-zero grace ${formatDuration(grace)}`);
  const emulation = profile.emulation ? ` · emulated regression: proxy +${profile.emulation.proxyDelay} ms per request` : '';
  return `mesh: ${meshText} · serving: ${servingParts.join(', ')}${emulation}`;
}

function params(cell: PlanCell, profile: Profile, target: TargetName): string {
  if (cell.type === 'cold-start') {
    const base = `${count(cell.services, 'service')} × ${count(cell.iterations, 'iteration')}, idle ${formatDuration(cell.idleMs)}`;
    if (cell.gracePeriodMs === undefined) return base; // a plain Deployment: no grace period
    // On a cluster the grace period is one term of Knative's time to zero, which each iteration waits for.
    if (target !== 'local') return `${base}, ${describeTimeToZero(knativeTimeToZero(profile.serving.autoscaler))}`;
    return `${base}, grace ${formatDuration(cell.gracePeriodMs)}`;
  }
  const model = cell.model === 'closed' ? 'closed' : `${cell.arrival === 'poisson' ? 'open poisson' : 'open'}, ${cell.rate} rps`;
  return `${cell.driver}, ${model}, ${cell.connections} conn, warm-up ${formatDuration(cell.warmupMs)} + ${formatDuration(cell.durationMs)}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
