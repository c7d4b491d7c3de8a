// The JSON merge patch (RFC 7386) that undoes an apply: for exactly the fields `applied` sets, the
// value `previous` had, or null where it had none (null removes a key). Maps are followed key by
// key, so a ConfigMap gets back only the keys meshbench set; anything else — a scalar, a list such
// as a Service's ports — is put back whole, since a merge patch replaces lists whole.
import type { KubeObject } from './objects.ts';

type Json = Record<string, unknown>;

export function restorePatch(applied: KubeObject, previous: KubeObject): Json {
  // The identity is not a field that changed: leave apiVersion, kind, name and namespace out.
  const { apiVersion: _a, kind: _k, metadata, ...rest } = applied;
  const { name: _n, namespace: _ns, ...fields } = metadata;
  const patch = fieldsPatch(rest, previous);
  const metadataPatch = fieldsPatch(fields, isObject(previous.metadata) ? previous.metadata : {});
  return Object.keys(metadataPatch).length > 0 ? { ...patch, metadata: metadataPatch } : patch;
}

function fieldsPatch(applied: Json, previous: Json): Json {
  const patch: Json = {};
  for (const [key, value] of Object.entries(applied)) {
    const before = previous[key];
    if (isObject(value) && (before === undefined || isObject(before))) patch[key] = fieldsPatch(value, before ?? {});
    else patch[key] = before === undefined ? null : structuredClone(before);
  }
  return patch;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
