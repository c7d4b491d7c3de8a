// What `compare` hands to the CI outputs (src/ci/check.ts): one check per --fail-on rule and row
// it judged, named by rule and point so CI can follow it across builds; a rule that judged no row
// is one skipped check under its own name.
import type { Check, CiReport } from '../ci/check.ts';
import type { CompareResult } from './compare-runs.ts';
import { formatDelta, formatInterval, formatValue, pointOf } from './format.ts';
import { renderCompareMarkdown } from './markdown.ts';

export function compareCiReport(result: CompareResult, exitCode: number): CiReport {
  const checks: Check[] = result.rules.flatMap((rule) => {
    if (rule.rows.length === 0) return [{ group: 'compare', name: rule.rule, outcome: 'skipped', message: rule.message } satisfies Check];
    return rule.rows.map(({ row, outcome, message }): Check => ({
      group: 'compare',
      name: `${rule.rule} · ${pointOf(row)}${row.metric === rule.rule.split('>')[0] ? '' : ` · ${row.metric}`}`,
      outcome,
      message,
      detail: [
        `baseline ${formatValue(row, row.baseline)} (${result.baseline.dir}), candidate ${formatValue(row, row.candidate)} (${result.candidate.dir})`,
        `shift ${formatDelta(row)}, 95% CI ${formatInterval(row)}, noise floor ${formatValue(row, row.noiseFloor)}`,
        `verdict ${row.verdict}, repetitions ${row.repetitions.baseline} / ${row.repetitions.candidate}`,
      ].join('\n'),
    }));
  });
  return { command: 'compare', exitCode, checks, summaryMarkdown: renderCompareMarkdown(result), result };
}
