// JSON merge patch, RFC 7386 section 2 (the MergePatch pseudocode), which the API server applies for
// PATCH application/merge-patch+json (k8s.io/apiserver pkg/endpoints/handlers/patch.go, via
// github.com/evanphx/json-patch MergePatch): objects merge key by key, null removes a key, and
// everything else — lists included — replaces the target whole.

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  // "If Target is not an Object: Target = {}", so nulls inside such a patch are dropped, not kept.
  const merged: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = mergePatch(merged[key], value);
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
