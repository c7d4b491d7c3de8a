// Short suites for end-to-end runs, written to a temporary directory.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function writeSuite(text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'meshbench-e2e-'));
  const file = join(dir, 'suite.yaml');
  await writeFile(file, text);
  return { dir, file };
}

/** Three profiles, one short load point each, and two cold starts: a whole pipeline in ~15 s. */
export function tinySuite(options: { duration: string; repetitions?: number }): string {
  return `apiVersion: meshbench.dev/v1alpha1
kind: Suite
name: tiny
target: local
profiles: [baseline, istio-sidecar, knative-kourier]
workload: { delay: 0ms, size: 512, startupDelay: 100ms }
experiments:
  - name: load
    type: load
    rates: [50]
    connections: [4]
    duration: ${options.duration}
    warmup: 500ms
    repetitions: ${options.repetitions ?? 1}
  - name: cold
    type: cold-start
    profiles: [knative-kourier]
    iterations: 2
    idle: 700ms
    gracePeriod: 300ms
comparisons:
  - { name: sidecar tax, baseline: baseline, candidate: istio-sidecar }
`;
}
