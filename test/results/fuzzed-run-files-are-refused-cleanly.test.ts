// Issue 11, item 7: a few thousand seeded mutations of real run directories go through loadRun
// and the report renderers in-process. Every input is either refused exit-2-shaped (the file and
// the field named, echoes neutralised and capped, the list capped) or rendered with no NaN,
// Infinity, undefined or negative duration anywhere; nothing throws anything else, nothing hangs
// (the test's timeout is the safety net), and the heap stays bounded.
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf } from '../../src/errors.ts';
import { chartSpecs } from '../../src/report/charts.ts';
import { renderHtml } from '../../src/report/html.ts';
import { REPORT_WRITERS, renderRun, reportInputOf } from '../../src/report/render.ts';
import { loadRun } from '../../src/results/store.ts';
import { seededRandom } from '../../src/seeded-random.ts';
import { fixtureRun } from '../report/fixtures.ts';

const SEED = 0x11_07;
const INPUTS = 3_000;
/** Accepted inputs that also get the SVG charts (vega, ~150 ms a run) through renderRun itself. */
const FULL_RENDER_EVERY = 40;
const HEAP_LIMIT = 1024 * 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface RunTexts {
  name: string;
  run: string;
  results: string;
}

const fixtures = path.join(import.meta.dirname, '../fixtures/runs');
let dir: string;
let bases: RunTexts[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meshbench-fuzz-run-'));
  const recorded = async (name: string): Promise<RunTexts> => ({
    name,
    run: await readFile(path.join(fixtures, name, 'run.json'), 'utf8'),
    results: await readFile(path.join(fixtures, name, 'results.json'), 'utf8'),
  });
  const synthetic = fixtureRun();
  bases = [
    await recorded('local-412cb26'),
    await recorded('local-e81825c'),
    { name: 'synthetic', run: pretty(synthetic.record as unknown as Json), results: pretty({ schemaVersion: 1, results: synthetic.results as unknown as Json }) },
  ];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- the mutator

/** A value replaced by 20 000 nested lists once the tree is text (JSON.stringify would recurse that deep). */
const DEEP = '\u0000deep\u0000';
const STRANGE_VALUES: Json[] = [
  null, true, false, 0, -1, -0.001, 1.5, 1e21, 1e308, -1e308, 2 ** 53 + 2, -849467181983,
  '', 'abc', '12', 'NaN', 'Infinity', '-Infinity', 'undefined', 'yesterday', '2026-13-45T99:99:99Z',
  '2026-11-26T03:38:06.000+01:00', '\u001b]0;owned\u0007\r[ok] all good', '\u009b31mred', '\u202eevil', 'x'.repeat(100_000),
  [], {}, [1, 2, 3], { x: 1 }, [null], { type: 'load' }, { type: 'cold-start' }, { method: 'reference' }, { skipped: 5 },
];
const ODD_TEXT = ['', ' ', '<script>alert(1)</script>', '| --- |', '\u001b]0;owned\u0007', '\r\n# forged', 'ünïcödé ✓', 'x'.repeat(10_000), 'NaN'];
const TEXT_BYTES = ['"', '{', '}', '[', ']', ',', ':', '\u0000', '\u001b', '\n', '0', '9', '-', '.', 'e', 'x', 'n', ' ', '\\', '\u00ff'];

function pretty(value: Json): string {
  // Real run files are pretty-printed.
  return `${JSON.stringify(value, null, 2)}\n`.replaceAll(JSON.stringify(DEEP), `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
}

/** Every node of the tree with its parent, so any node can be replaced or removed. */
function nodes(root: Json): { parent: Json[] | { [key: string]: Json }; key: string | number }[] {
  const found: { parent: Json[] | { [key: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (Array.isArray(node)) node.forEach((child, index) => (found.push({ parent: node, key: index }), stack.push(child)));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) found.push({ parent: node, key }), stack.push(child);
  }
  return found;
}

function mutator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const at = (text: string) => Math.floor(random() * (text.length + 1));

  function mutateValue(root: Json): string {
    const all = nodes(root);
    const { parent, key } = pick(all);
    const get = () => (parent as Record<string | number, Json>)[key]!;
    const set = (value: Json) => ((parent as Record<string | number, Json>)[key] = value);
    const kind = pick(['strange', 'strange', 'odd but valid', 'odd but valid', 'odd but valid', 'delete', 'delete', 'duplicate', 'deep', 'unknown key', 'swap', 'number']);
    switch (kind) {
      case 'strange':
        set(structuredClone(pick(STRANGE_VALUES)));
        break;
      case 'odd but valid': {
        // Values the schema accepts but renderers may not expect: zero, huge, tiny, empty, hostile text.
        const value = get();
        if (typeof value === 'number') set(pick([0, 1, value * 2, 9e15, 1e-9, Math.round(value)]).valueOf());
        else if (typeof value === 'string') set(pick(ODD_TEXT));
        else if (Array.isArray(value)) set(pick([[], value.slice(0, 1), [...value, ...value].slice(0, 50)]));
        else if (value !== null && typeof value === 'object') set(structuredClone(value));
        break;
      }
      case 'number': {
        const value = get();
        set(typeof value === 'number' ? pick([-value, value * 1e300, value + 0.5, -1]) : pick([-1, 1.5, 1e308]));
        break;
      }
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 'duplicate': {
        const value = get();
        if (Array.isArray(value) && value.length) value.push(structuredClone(pick(value)));
        else if (Array.isArray(parent)) parent.push(structuredClone(value));
        else set([value, value]);
        break;
      }
      case 'deep':
        set(DEEP);
        break;
      case 'unknown key': {
        const value = get();
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) value[pick(['extra', '\u001b[2J', 'x'.repeat(300)])] = structuredClone(pick(STRANGE_VALUES));
        else set({ value });
        break;
      }
      case 'swap': {
        // Another node's value here: real-looking data of the wrong kind (a cell where a result was).
        const other = pick(all);
        set(structuredClone((other.parent as Record<string | number, Json>)[other.key] ?? null));
        break;
      }
    }
    return kind;
  }

  function mutateText(text: string): [string, string] {
    const kind = pick(['truncate', 'truncate', 'flip', 'flip', 'delete slice', 'duplicate slice', 'insert word', 'bom', 'empty']);
    switch (kind) {
      case 'truncate':
        return [kind, text.slice(0, at(text))];
      case 'flip': {
        let out = text;
        for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
          const i = Math.floor(random() * out.length);
          out = out.slice(0, i) + pick(TEXT_BYTES) + out.slice(i + 1);
        }
        return [kind, out];
      }
      case 'delete slice': {
        const start = at(text);
        return [kind, text.slice(0, start) + text.slice(start + Math.floor(random() * 200))];
      }
      case 'duplicate slice': {
        const start = at(text);
        return [kind, text.slice(0, start) + text.slice(start, start + Math.floor(random() * 200)) + text.slice(start)];
      }
      case 'insert word': {
        const i = at(text);
        return [kind, text.slice(0, i) + pick(['NaN', 'Infinity', '-', 'undefined', '1e999', '"']) + text.slice(i)];
      }
      case 'bom':
        return [kind, `\ufeff${text}`];
      default:
        return [kind, ''];
    }
  }

  /** One input: a base run with one of its files mutated as text, or one to three of its values. */
  return function next(base: RunTexts): { run: string; results: string; what: string } {
    const file = random() < 0.5 ? 'run' : 'results';
    if (random() < 0.3) {
      const [kind, text] = mutateText(base[file]);
      return { ...base, [file]: text, what: `${base.name} ${file}.json text: ${kind}` };
    }
    const root = JSON.parse(base[file]) as Json;
    // One change more often than several: a single odd value must get through to the renderers too.
    const kinds = Array.from({ length: random() < 0.6 ? 1 : 2 + Math.floor(random() * 2) }, () => mutateValue(root));
    return { ...base, [file]: pretty(root), what: `${base.name} ${file}.json values: ${kinds.join(', ')}` };
  };
}

// ---------------------------------------------------------------- what must hold

/** Raw control characters other than the newline between listed problems. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function refusalProblem(error: unknown): string | undefined {
  if (exitCodeOf(error) !== 2) return `exit ${exitCodeOf(error)}: ${String((error as Error)?.stack ?? error).slice(0, 600)}`;
  const message = (error as Error).message;
  if (CONTROL.test(message)) return `raw control character in: ${JSON.stringify(message).slice(0, 300)}`;
  const lines = message.split('\n');
  if (lines.length > 11) return `${lines.length} lines: the list is not capped`;
  const located = new RegExp(`^(${escapeRegExp(dir)}/(run|results)\\.json(: .+)?|and \\d+ more problems)$`);
  const bad = lines.find((line) => !located.test(line) || line.length > 500);
  return bad === undefined ? undefined : `not a located, capped problem: ${JSON.stringify(bad).slice(0, 600)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Negative durations as the reports print them ("-849467181983ms", "-3.2 s"); deltas use "−" (U+2212). */
const NEGATIVE_DURATION = /(?<![\w.])-\d[\d.,]*\s?(?:ms|s|m|h)\b/;
const NEGATIVE_CSV_FIELD = /(?:^|,)-\d/m;

function outputProblem(file: string, text: string, input: string): string | undefined {
  // A word the input itself holds (a description "NaN") may be echoed; one the renderer made may not.
  for (const word of ['NaN', 'Infinity', 'undefined']) {
    if (text.includes(word) && !input.includes(word)) return `${file} shows "${word}" near: ${JSON.stringify(text.slice(Math.max(0, text.indexOf(word) - 80), text.indexOf(word) + 40))}`;
  }
  const negative = file.endsWith('.csv') ? NEGATIVE_CSV_FIELD.exec(text) : NEGATIVE_DURATION.exec(text);
  if (negative && !input.includes(negative[0].replace(/^,/, ''))) return `${file} shows a negative figure near: ${JSON.stringify(text.slice(Math.max(0, negative.index - 80), negative.index + 40))}`;
  return undefined;
}

function nonFinite(value: unknown, where = 'spec'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} = ${value}`;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = nonFinite(child, `${where}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** renderRun's outputs without the SVG rendering: its writers, the HTML with every chart as its spec's title. */
async function renderedInProcess(): Promise<{ files: [string, string][]; problem?: string }> {
  const { record, results } = await loadRun(dir);
  const input = reportInputOf(record, results);
  const specs = chartSpecs(input.record, results);
  const problem = specs.map((chart) => nonFinite('spec' in chart ? chart.spec : undefined, chart.id)).find(Boolean);
  const files: [string, string][] = [];
  for (const [file, writer] of Object.entries(REPORT_WRITERS)) {
    if (file === 'index.html') {
      files.push([file, renderHtml(input.record, results, specs.map(({ id, title, caption }) => ({ id, title, caption, svg: '<svg></svg>' })), input.cost)]);
      continue;
    }
    const text = await writer(input);
    if (text !== undefined) files.push([file, text]);
  }
  return problem ? { files, problem: `chart ${problem}` } : { files };
}

describe('fuzzed run directories through loadRun and the reports', () => {
  it('every unmutated base renders clean (the checks below can fail)', async () => {
    for (const base of bases) {
      await writeFile(path.join(dir, 'run.json'), base.run);
      await writeFile(path.join(dir, 'results.json'), base.results);
      const { files, problem } = await renderedInProcess();
      expect(problem).toBeUndefined();
      expect(files.map(([file]) => file)).toContain('index.html');
      expect(files.map(([file, text]) => outputProblem(file, text, '')).filter(Boolean)).toEqual([]);
    }
  });

  it(`${INPUTS} seeded mutations: each refused exit 2 naming file and field, or rendered without NaN, Infinity, undefined or negative durations`, async () => {
    const random = seededRandom(SEED);
    const next = mutator(random);
    const failures: string[] = [];
    const tally = { refused: 0, accepted: 0, fullRenders: 0 };
    let heapPeak = 0;
    for (let n = 0; n < INPUTS && failures.length < 10; n++) {
      const base = bases[n % bases.length]!;
      const input = next(base);
      await writeFile(path.join(dir, 'run.json'), input.run);
      // Now and then results.json is missing: a run that stopped before its first cell.
      if (random() < 0.02) await unlink(path.join(dir, 'results.json')).catch(() => {});
      else await writeFile(path.join(dir, 'results.json'), input.results);
      const label = `#${n} (${input.what})`;
      try {
        const { files, problem } = await renderedInProcess();
        tally.accepted++;
        if (problem) failures.push(`${label}: ${problem}`);
        const texts = `${input.run}\n${input.results}`;
        for (const [file, text] of files) {
          const found = outputProblem(file, text, texts);
          if (found) failures.push(`${label}: ${found}`);
        }
        if (tally.accepted % FULL_RENDER_EVERY === 0) {
          tally.fullRenders++;
          for (const written of await renderRun(dir)) {
            const found = outputProblem(path.basename(written), await readFile(written, 'utf8'), texts);
            if (found) failures.push(`${label} (renderRun): ${found}`);
          }
        }
      } catch (error) {
        tally.refused++;
        const found = refusalProblem(error);
        if (found) failures.push(`${label}: ${found}`);
      }
      if (n % 200 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(failures).toEqual([]);
    // Both outcomes are exercised, or the mutator has stopped testing one side.
    expect(tally.refused).toBeGreaterThan(INPUTS / 4);
    expect(tally.accepted).toBeGreaterThan(INPUTS / 20);
    expect(tally.fullRenders).toBeGreaterThan(0);
    expect(heapPeak).toBeLessThan(HEAP_LIMIT);
  }, 120_000);
});
