// A user's text quoted back in a message is cut to its start, so a 100,000-character value or key
// cannot turn one problem into a 300 KB line; the length says how much was left out.
export const EXCERPT_LENGTH = 80;

/**
 * `text` through `quote`, or its first `max` characters and "…" through `quote` followed by
 * " (N characters)": `"aaaa…" (100000 characters)` with JSON.stringify as `quote`.
 */
export function excerpt(text: string, max = EXCERPT_LENGTH, quote: (text: string) => string = (same) => same): string {
  if (text.length <= max) return quote(text);
  // Never cut a surrogate pair in half (it would print as U+FFFD).
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return `${quote(`${text.slice(0, end)}…`)} (${text.length} characters)`;
}
