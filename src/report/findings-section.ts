// The "Findings" section at the top of index.html: the ranked sentences, each with its interval
// set apart so it reads at a glance, and the warnings that weaken them, marked as notes.
import { htmlSection } from './html-section.ts';
import { moreFindingsText, type Finding, type Findings } from './findings.ts';
import { badge, esc } from './html-tables.ts';

const SEVERITY_BADGE: Record<Finding['severity'], string> = {
  fail: badge('bad', 'FAIL'),
  attention: badge('warn', 'check'),
  info: '',
};

/** `except`: warnings the page states above the section already (findings.ts headerWarnings). */
export function findingsHtml(f: Findings, except: readonly string[] = []): string {
  const items = f.items.map((item) => `<li class="finding ${item.severity}" data-finding="${esc(item.id)}">${SEVERITY_BADGE[item.severity]}${SEVERITY_BADGE[item.severity] ? ' ' : ''}${sentenceHtml(item)}</li>`);
  const more = moreFindingsText(f);
  const list = items.length ? `<ol class="findings">${items.join('')}</ol>` : '<p class="omitted">Nothing was measured that a finding could state.</p>';
  const shown = f.warnings.filter((warning) => !except.includes(warning));
  // The mark and the border tell a caution apart from a finding without relying on colour.
  const warnings = shown.length
    ? `<ul class="findings-warnings" aria-label="Cautions">${shown.map((warning) => `<li role="note"><span aria-hidden="true">⚠ </span>${esc(warning)}</li>`).join('')}</ul>`
    : '';
  return htmlSection('findings', 'Findings', `${list}${more ? `<p class="note">${esc(more)}</p>` : ''}
${warnings}`);
}

/** The sentence with its interval wrapped, so it stands out without changing the words. */
function sentenceHtml(item: Finding): string {
  if (!item.interval) return esc(item.sentence);
  const at = item.sentence.indexOf(item.interval);
  if (at < 0) return esc(item.sentence);
  return `${esc(item.sentence.slice(0, at))}<span class="interval">${esc(item.interval)}</span>${esc(item.sentence.slice(at + item.interval.length))}`;
}
