// Every section of index.html, one shape: an id to link to and a heading carrying its permalink,
// so a reader can send a colleague straight to "Cost per month" or "Findings".
import { esc } from './html-tables.ts';

export function htmlSection(id: string, title: string, body: string): string {
  return `<section id="${esc(id)}"><h2>${esc(title)}<a class="permalink" href="#${esc(id)}" aria-label="Link to this section">#</a></h2>
${body}
</section>`;
}
