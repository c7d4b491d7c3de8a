import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CiReport } from '../../src/ci/check.ts';
import { emitCiOutputs, type CiIo } from '../../src/ci/emit.ts';
import { errorAnnotations, escapeData, escapeProperty } from '../../src/ci/github.ts';
import { runCiReport } from '../../src/ci/run-report.ts';
import { fixtureRun } from '../report/fixtures.ts';

function capture(env: Record<string, string | undefined>): CiIo & { out: string; err: string } {
  const io = { out: '', err: '', env, stdout: (text: string) => void (io.out += text), stderr: (text: string) => void (io.err += text) };
  return io;
}

const failing: CiReport = {
  command: 'trend',
  exitCode: 1,
  checks: [
    { group: 'trend', name: 'p99 of a, b: c', outcome: 'failed', message: '100% worse\r\nsee %0A and ::error::forged\u001b[2J' },
    { group: 'trend', name: 'p50', outcome: 'passed', message: 'fine' },
    { group: 'trend', name: 'cold_start', outcome: 'skipped', message: 'not measured' },
  ],
  summaryMarkdown: '## trend\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n',
  result: {},
};

describe('GitHub Actions outputs', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'meshbench-gha-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('escape workflow command data and properties as @actions/core does', () => {
    expect(escapeData('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab: c, d');
    expect(escapeProperty('50% a\r\nb: c, d')).toBe('50%25 a%0D%0Ab%3A c%2C d');
  });

  it('annotate failed checks only, one line each, nothing in them able to end or forge a command', () => {
    const lines = errorAnnotations(failing.checks).split('\n');
    expect(lines).toEqual([
      '::error title=meshbench trend%3A p99 of a%2C b%3A c::100%25 worse\\x0d%0Asee %250A and ::error::forged\\x1b[2J',
      '',
    ]);
  });

  it('annotations are written only when GITHUB_ACTIONS=true, to stderr when stdout holds --json', async () => {
    const outside = capture({});
    await emitCiOutputs(failing, {}, outside);
    expect(outside.out + outside.err).toBe('');

    const plain = capture({ GITHUB_ACTIONS: 'true' });
    await emitCiOutputs(failing, {}, plain);
    expect(plain.out).toBe(errorAnnotations(failing.checks));
    expect(plain.err).toBe('');

    const json = capture({ GITHUB_ACTIONS: 'true' });
    await emitCiOutputs(failing, { json: true }, json);
    expect(json.err).toBe(errorAnnotations(failing.checks));
    expect(JSON.parse(json.out)).toMatchObject({ command: 'trend', status: 'failed', exitCode: 1 });
  });

  it('append the summary to GITHUB_STEP_SUMMARY, where it renders as tables', async () => {
    const file = join(dir, 'step_summary');
    await writeFile(file, '# an earlier step\n');
    const report = runCiReport('reports/x', fixtureRun().record, fixtureRun().results, 1);
    await emitCiOutputs(report, {}, capture({ GITHUB_STEP_SUMMARY: file }));

    const markdown = await readFile(file, 'utf8');
    expect(markdown.startsWith('# an earlier step\n# meshbench: sidecar-and-cold-start')).toBe(true);
    const html = new MarkdownIt().render(markdown);
    const thresholds = html.slice(html.indexOf('<h2>Thresholds</h2>'));
    expect(thresholds).toMatch(/^<h2>Thresholds<\/h2>\s*<table>\s*<thead>\s*<tr>\s*<th>Result<\/th>/);
    const row = /<tr>\s*<td><strong>FAIL<\/strong><\/td>\s*<td>sidecar tax<\/td>\s*<td>p99<\/td>/;
    expect(thresholds).toMatch(row);
    // User text stays text: the suite description's <script> is not HTML in the summary.
    expect(html).not.toContain('<script>');
  });

  it('show invisible and reordering characters in the job summary as escapes', async () => {
    const file = join(dir, 'step_summary');
    await emitCiOutputs({ ...failing, summaryMarkdown: '| a | tax \u202egnp.exe\u200b |\n' }, {}, capture({ GITHUB_STEP_SUMMARY: file }));
    expect(await readFile(file, 'utf8')).toBe('| a | tax \\u{202e}gnp.exe\\u{200b} |\n');
  });

  it('a job summary file that cannot be written fails naming it', async () => {
    const file = join(dir, 'missing', 'step_summary');
    await expect(emitCiOutputs(failing, {}, capture({ GITHUB_STEP_SUMMARY: file }))).rejects.toThrow(`cannot append the job summary to GITHUB_STEP_SUMMARY ${file}: no such file or directory (ENOENT)`);
  });
});

describe('--junit FILE', () => {
  it('writes the JUnit XML to the file, and names the file when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'meshbench-junit-'));
    try {
      const file = join(dir, 'junit.xml');
      await emitCiOutputs(failing, { junit: file }, capture({}));
      expect(await readFile(file, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="meshbench trend" tests="3" failures="1"/);
      const missing = join(dir, 'no', 'junit.xml');
      await expect(emitCiOutputs(failing, { junit: missing }, capture({}))).rejects.toThrow(`cannot write ${missing}: no such file or directory (ENOENT)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
