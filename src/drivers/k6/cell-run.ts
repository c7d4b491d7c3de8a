// What every k6 runner is handed for one cell: the cell, its script, a Kubernetes-safe name, and
// the `--env` input without the parts that depend on where k6 runs (summary path, runners).
import { createHash } from 'node:crypto';
import type { LoadCell } from '../../plan/types.ts';
import type { Workload } from '../../suite/schema.ts';
import type { Endpoint } from '../driver.ts';
import { k6Model, type K6EnvInput } from './params.ts';

export interface K6CellRun {
  cell: LoadCell;
  /** A DNS label unique per cell: the Job / TestRun name and the samples file name. */
  name: string;
  envInput: K6EnvInput;
}

/** `k6-<experiment>-r<repetition>-<hash of the cell id>`, at most 52 characters (room for `-script`, pod suffixes). */
export function k6RunName(cell: LoadCell): string {
  const hash = createHash('sha256').update(cell.id).digest('hex').slice(0, 8);
  const slug = cell.experiment.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30).replace(/-+$/, '');
  return ['k6', slug, `r${cell.repetition}`, hash].filter((part) => part !== '').join('-');
}

export function k6CellRun(cell: LoadCell, endpoint: Endpoint, workload: Workload): K6CellRun {
  // The scripts send no custom headers yet: a Host-routed endpoint (Knative behind an ingress)
  // would silently hit the wrong route, so it is refused instead.
  const headers = Object.keys(endpoint.headers ?? {});
  if (headers.length > 0) {
    throw new Error(`cell ${cell.id}: the k6 driver cannot send the endpoint's headers (${headers.join(', ')}) yet; use driver: builtin`);
  }
  k6Model(cell); // refuses what k6's executors cannot do, before anything is applied
  return { cell, name: k6RunName(cell), envInput: { cell, targetUrl: endpoint.url, workload } };
}
