// Issue 11.9: text from a suite reached the terminal raw, so ESC could retitle it and CR forge an
// "ok" line. terminalSafe shows every control character (C0, DEL, C1) and bidirectional override
// as an escape, keeping only newline and tab; excerpt cuts long quoted text to its start.
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/text/excerpt.ts';
import { terminalSafe } from '../../src/text/terminal-safe.ts';

describe('terminalSafe', () => {
  it('shows ESC, BEL, CR, NUL, DEL and C1 controls as \\x escapes', () => {
    expect(terminalSafe('a\x1b]0;title\x07b\rok\0\x7f\x9b')).toBe('a\\x1b]0;title\\x07b\\x0dok\\x00\\x7f\\x9b');
  });

  it('shows bidirectional overrides as \\u{…} escapes', () => {
    expect(terminalSafe('abc\u202edef\u2066')).toBe('abc\\u{202e}def\\u{2066}');
  });

  it('keeps newline, tab and ordinary Unicode', () => {
    expect(terminalSafe('line 1\n\tline 2 — µs ✓ 漢字 😀')).toBe('line 1\n\tline 2 — µs ✓ 漢字 😀');
  });

  it('is idempotent: escaping twice changes nothing more', () => {
    const once = terminalSafe('\x1b[2K\r\u202e');
    expect(terminalSafe(once)).toBe(once);
    expect(once).not.toMatch(/[\p{Cc}]/u);
  });
});

describe('excerpt', () => {
  it('leaves text of 80 characters or fewer alone', () => {
    expect(excerpt('x'.repeat(80))).toBe('x'.repeat(80));
  });

  it('cuts longer text to 80 characters and says how long it was', () => {
    expect(excerpt('y'.repeat(100_000))).toBe(`${'y'.repeat(80)}… (100000 characters)`);
  });

  it('quotes the part shown, not the length', () => {
    expect(excerpt('z'.repeat(90), 3, JSON.stringify)).toBe('"zzz…" (90 characters)');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(excerpt(`ab${'😀'.repeat(10)}`, 3)).toBe('ab… (22 characters)');
  });
});
