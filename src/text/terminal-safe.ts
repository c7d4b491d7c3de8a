// Text from suites and results (names, descriptions, error messages) printed to a terminal: a raw
// ESC, BEL or CR could retitle the terminal or overwrite a line with a forged one. Pure.

// C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F, which some terminals
// read as ESC sequences).
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Every control character except \n and \t as a visible \xNN escape. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
