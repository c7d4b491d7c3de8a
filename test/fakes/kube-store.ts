// The fake API server's object store: objects keyed by apiVersion/kind/namespace/name, one
// monotonically increasing resourceVersion, and an event history that watches replay from. Tests
// drive it directly (put/remove/play) to script the watch sequences a real cluster would produce.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceType } from './kube-resources.ts';

export interface StoredObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface StoreEvent {
  type: EventType;
  object: StoredObject;
  resourceVersion: number;
}
export interface ScriptStep {
  afterMs?: number;
  type: EventType;
  object: StoredObject;
}
export interface WatchFilter {
  type: ResourceType;
  namespace?: string;
  labelSelector?: string;
}

const keyOf = (apiVersion: string, kind: string, namespace: string | undefined, name: string) =>
  `${apiVersion}|${kind}|${namespace ?? ''}|${name}`;

export class FakeKubeStore {
  #resourceVersion = 1000;
  #objects = new Map<string, StoredObject>();
  #history: StoreEvent[] = [];
  #oldestWatchable = 0; // watches from a resourceVersion below this get 410 Expired
  #listeners = new Set<(event: StoreEvent) => void>();
  #uids = 0;

  get resourceVersion(): number {
    return this.#resourceVersion;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): StoredObject | undefined {
    const found = this.#objects.get(keyOf(type.groupVersion, type.kind, namespace, name));
    return found && structuredClone(found);
  }

  list(filter: WatchFilter): StoredObject[] {
    return [...this.#objects.values()].filter((object) => matches(object, filter)).map((object) => structuredClone(object));
  }

  /** Creates or replaces an object with a new resourceVersion and tells the watches (ADDED / MODIFIED). */
  put(input: StoredObject): StoredObject {
    const object = structuredClone(input);
    const key = keyOf(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    const previous = this.#objects.get(key);
    object.metadata.uid = previous?.metadata.uid ?? object.metadata.uid ?? `00000000-0000-4000-8000-${String(++this.#uids).padStart(12, '0')}`;
    object.metadata.creationTimestamp = previous?.metadata.creationTimestamp ?? object.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    object.metadata.resourceVersion = String(++this.#resourceVersion);
    this.#objects.set(key, object);
    this.#record(previous ? 'MODIFIED' : 'ADDED', object);
    return structuredClone(object);
  }

  /** Deletes an object (DELETED carries its last state with a new resourceVersion), or undefined if absent. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const key = keyOf(apiVersion, kind, namespace, name);
    const object = this.#objects.get(key);
    if (!object) return undefined;
    this.#objects.delete(key);
    object.metadata.resourceVersion = String(++this.#resourceVersion);
    this.#record('DELETED', object);
    return structuredClone(object);
  }

  /** Plays a scripted sequence; each step waits `afterMs` after the previous one. */
  async play(steps: ScriptStep[]): Promise<void> {
    for (const step of steps) {
      if (step.afterMs) await sleep(step.afterMs);
      if (step.type === 'DELETED') {
        const { apiVersion, kind, metadata } = step.object;
        this.remove(apiVersion, kind, metadata.namespace, metadata.name);
      } else {
        this.put(step.object);
      }
    }
  }

  /** Forgets the event history, like etcd compaction: watches from older resourceVersions get 410. */
  compact(): void {
    this.#history = [];
    this.#oldestWatchable = this.#resourceVersion;
  }

  /** Whether the history after this resourceVersion has been compacted away. */
  expired(resourceVersion: number): boolean {
    return resourceVersion < this.#oldestWatchable;
  }

  /**
   * Starts a watch. Without a resourceVersion it first sends ADDED for every current object (the
   * API server's "get state and start at most recent"); with one, it replays the history after it.
   * Returns 'expired' when that history has been compacted away.
   */
  watch(filter: WatchFilter, fromResourceVersion: number | undefined, send: (event: StoreEvent) => void): (() => void) | 'expired' {
    if (fromResourceVersion === undefined) {
      for (const object of this.list(filter)) send({ type: 'ADDED', object, resourceVersion: Number(object.metadata.resourceVersion) });
    } else {
      if (this.expired(fromResourceVersion)) return 'expired';
      for (const event of this.#history) {
        if (event.resourceVersion > fromResourceVersion && matches(event.object, filter)) send(event);
      }
    }
    const listener = (event: StoreEvent) => {
      if (matches(event.object, filter)) send(event);
    };
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #record(type: EventType, object: StoredObject): void {
    const event = { type, object: structuredClone(object), resourceVersion: Number(object.metadata.resourceVersion) };
    this.#history.push(event);
    for (const listener of this.#listeners) listener(event);
  }
}

function matches(object: StoredObject, { type, namespace, labelSelector }: WatchFilter): boolean {
  if (object.apiVersion !== type.groupVersion || object.kind !== type.kind) return false;
  if (namespace !== undefined && object.metadata.namespace !== namespace) return false;
  return labelSelector ? selects(labelSelector, object.metadata.labels ?? {}) : true;
}

/** Label selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`, comma-joined. */
export function selects(selector: string, labels: Record<string, string>): boolean {
  const requirements = selector.split(/,(?![^(]*\))/).map((part) => part.trim()).filter(Boolean);
  return requirements.every((requirement) => {
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(requirement);
    if (set) {
      const values = set[3]!.split(',').map((value) => value.trim());
      const has = labels[set[1]!] !== undefined && values.includes(labels[set[1]!]!);
      return set[2] === 'in' ? has : !has;
    }
    const comparison = /^([^!=]+)(==|=|!=)(.*)$/.exec(requirement);
    if (comparison) {
      const equal = labels[comparison[1]!.trim()] === comparison[3]!.trim();
      return comparison[2] === '!=' ? !equal : equal;
    }
    if (requirement.startsWith('!')) return labels[requirement.slice(1)] === undefined;
    return labels[requirement] !== undefined;
  });
}
