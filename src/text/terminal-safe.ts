// Text that came from users (suite keys and values, file paths, error messages quoting them) is
// written to a terminal, which obeys control characters in it: ESC starts sequences that retitle
// the window or move the cursor, CR rewinds the line (so a forged "ok" can overwrite an error), BEL
// rings, bidirectional overrides reorder what is shown, and invisible format characters (zero-width
// spaces, U+2028) hide or split text. Those are shown as escapes instead; newline and tab are kept,
// since they only lay text out. Pure and idempotent.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => (char === '\n' || char === '\t' ? char : escaped(char)));
}

/** ESC → "\x1b", U+202E → "\u{202e}". */
function escaped(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
