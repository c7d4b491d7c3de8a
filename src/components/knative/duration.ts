// Knative reads durations (ConfigMap values, the window annotation) as Go duration strings.

/** Whole seconds as "6s", anything else as "1500ms". */
export function knativeDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
