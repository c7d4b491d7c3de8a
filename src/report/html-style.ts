// The report's only stylesheet, inlined: the page must work from a file:// URL, offline, in CI
// artifacts and on paper. Dark text on light backgrounds; state is never told by colour alone.
export const REPORT_CSS = `
:root { --text: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --warn-bg: #fff8c5; --warn-line: #9a6700; --bad-bg: #ffebe9; --bad-line: #cf222e; --bad-text: #a40e26;
  --good-bg: #dafbe1; --good-text: #116329; --info-bg: #ddf4ff; --info-line: #0969da; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--text); background: #fff; line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; line-height: 1.25; }
h2 { font-size: 21px; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 8px 0; }
.eyebrow { margin: 0; color: var(--muted); font-size: 13px; letter-spacing: .04em; text-transform: uppercase; }
.description { color: var(--muted); margin: 4px 0 16px; max-width: 80ch; }
.banner { border: 1px solid; border-left-width: 6px; border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.banner.emulation { background: var(--info-bg); border-color: var(--info-line); }
.banner.attention { background: var(--warn-bg); border-color: var(--warn-line); }
.banner.failed { background: var(--bad-bg); border-color: var(--bad-line); }
.banner ul { margin: 6px 0 0; padding-left: 20px; font-size: 13px; }
.banner details summary { cursor: pointer; font-size: 13px; }
.title-line { margin: 4px 0 0; font-size: 14px; }
#findings h2 { margin-top: 20px; }
ol.findings { margin: 0; padding-left: 24px; }
ol.findings li { margin: 3px 0; }
.interval { white-space: nowrap; font-weight: 600; font-variant-numeric: tabular-nums; }
ul.findings-warnings { list-style: none; margin: 10px 0 0; padding: 0; font-size: 13px; }
ul.findings-warnings li { border-left: 4px solid var(--warn-line); background: var(--warn-bg); padding: 3px 10px; margin: 3px 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 16px 0 0; font-size: 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 1px 4px; border-radius: 4px; }
/* Flex so the links wrap between each other on a phone instead of widening the page. */
nav.toc { margin: 20px 0 0; font-size: 14px; display: flex; flex-wrap: wrap; row-gap: 4px; }
nav.toc a { color: #0550ae; margin-right: 14px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 14px; margin: 8px 0 4px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td, th { white-space: nowrap; }
td.wrap { white-space: normal; min-width: 16ch; }
/* Published figures carry long addresses: those may break anywhere rather than widen the page. */
#anchors td { min-width: 12ch; }
#anchors td:last-child { overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: #fafbfc; }
.note { color: var(--muted); font-size: 13px; font-weight: normal; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.badge.good { background: var(--good-bg); color: var(--good-text); }
.badge.bad { background: var(--bad-bg); color: var(--bad-text); border-color: #ffcecb; }
.badge.neutral { background: var(--soft); color: var(--muted); border-color: var(--line); }
.badge.warn { background: var(--warn-bg); color: #6f4e00; }
figure { margin: 16px 0 28px; page-break-inside: avoid; break-inside: avoid; }
figure h3 { margin-top: 0; }
figcaption { color: var(--muted); font-size: 13px; margin: 0 0 6px; }
figure svg { max-width: 100%; height: auto; display: block; }
.omitted { color: var(--muted); font-style: italic; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 12px; }
h2 a.permalink, h3 a.permalink { color: var(--muted); text-decoration: none; font-weight: normal; margin-left: 8px; }
h2 a.permalink:hover, h2 a.permalink:focus, h3 a.permalink:hover, h3 a.permalink:focus { color: #0550ae; text-decoration: underline; }
/* A phone: one column, tables scroll inside their own box, never the page. */
@media (max-width: 700px) {
  body { font-size: 15px; }
  main { padding: 16px 12px 32px; }
  h1 { font-size: 22px; }
  h2 { font-size: 18px; margin-top: 28px; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dt { margin-top: 6px; }
  nav.toc a { display: inline-block; margin: 2px 12px 2px 0; }
}
/* Paper: tables wrap to the page width instead of being cut, header rows repeat on each page,
   a row, figure or banner is never split, and the long tail of the report starts on new pages. */
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc, a.permalink { display: none; }
  h2, h3 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  table { width: 100%; font-size: 8.5pt; }
  td, th { white-space: normal; overflow-wrap: anywhere; padding: 3px 5px; }
  thead { display: table-header-group; }
  tr, .banner, figure { break-inside: avoid; }
  #cells, #method { break-before: page; }
  tbody tr:hover { background: none; }
}
`;
