// compare.md (GitHub-rendered and raw in a log alike) and its plain-text cousin for the terminal.
import { mdEscape } from '../report/markdown.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { CompareResult, RunSummary } from './compare-runs.ts';
import { formatDelta, formatInterval, formatPercent, formatValue, formatVerdict, isMeasurable, METHOD_NOTE, pointOf } from './format.ts';

type Escape = (text: string) => string;

export function renderCompareMarkdown(result: CompareResult): string {
  return render(result, mdEscape, true);
}

/** For stdout: the verdicts, rules and warnings, user text plain and terminal-safe. */
export function renderComparePlain(result: CompareResult): string {
  return terminalSafe(render(result, (text) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|'), false));
}

/** The terminal gets the verdicts only; the files hold every figure. */
function render(result: CompareResult, escape: Escape, allFigures: boolean): string {
  const run = (name: string, run: RunSummary) =>
    `- ${name}: \`${escape(run.dir)}\` — ${escape(run.suite)} on ${run.target}, ${run.status}, started ${run.startedAt} on ${escape(run.hostname)}`;
  const measurable = result.rows.filter(isMeasurable);
  const lines = [
    `# meshbench compare: ${result.failed ? 'FAILED' : 'passed'}`,
    '',
    run('baseline', result.baseline),
    run('candidate', result.candidate),
    ...result.map.map(({ from, to }) => `- profile ${escape(from)} → ${escape(to)}`),
    '',
    `${result.rows.length} figures compared, ${measurable.length} changed measurably${measurable.length ? ':' : '.'}`,
    ...measurable.map((row) => `- ${escape(pointOf(row))} ${row.metric}: ${formatVerdict(row)} (${formatPercent(row)}; 95% CI ${formatInterval(row)}, noise floor ${formatValue(row, row.noiseFloor)})`),
  ];
  if (result.rules.length > 0) {
    lines.push('', '## Rules', '', table(['rule', 'outcome', 'why'], result.rules.map((rule) => [escape(rule.rule), rule.outcome, escape(rule.message)])));
  }
  if (result.warnings.length > 0) lines.push('', '## Warnings', '', ...result.warnings.map((warning) => `- ${escape(warning)}`));
  if (!allFigures) return `${lines.join('\n')}\n`;
  lines.push(
    '',
    '## All figures',
    '',
    table(
      ['point', 'metric', 'baseline', 'candidate', 'Δ', 'Δ %', '95% CI', 'noise floor', 'verdict', 'reps'],
      result.rows.map((row) => [
        escape(pointOf(row)),
        escape(row.metric),
        formatValue(row, row.baseline),
        formatValue(row, row.candidate),
        formatDelta(row),
        formatPercent(row),
        formatInterval(row),
        formatValue(row, row.noiseFloor),
        formatVerdict(row),
        `${row.repetitions.baseline} / ${row.repetitions.candidate}`,
      ]),
    ),
    '',
    METHOD_NOTE,
    '',
  );
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
