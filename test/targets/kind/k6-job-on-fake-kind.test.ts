// Contract test of driver: k6 on the kind target: the real CLI against fake kind/docker and the
// fake API server, whose fake Job controller and kubelet run the fake k6 (the real script, on a
// modelled server) for each of meshbench's k6 Jobs. The cell's histogram must hold the latencies
// that k6 saw, the objects must validate, and the Job and ConfigMap must be gone after.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHistogram, summarise } from '../../../src/results/histogram.ts';
import { validateObject } from '../../components/schemas.ts';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import { playK6InCluster, type PlayedK6 } from '../../fakes/k6-in-cluster.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import type { StoredObject } from '../../fakes/kube-store.ts';
import { exactPercentiles, expectLatencyWithin, seededServer } from '../../drivers/k6-runners/support.ts';
import { fakeKindWorld, kindSuite, type FakeKindWorld } from './fake-kind-world.ts';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

describe('driver: k6 on the kind target', () => {
  let world: FakeKindWorld | undefined;
  let played: PlayedK6 | undefined;
  afterEach(async () => {
    played?.stop();
    await world?.close();
    world = undefined;
  });

  it('runs each cell as a k6 Job in the run namespace and turns its pod log into the histogram', async () => {
    world = await fakeKindWorld(['baseline']);
    played = playK6InCluster(world.api, seededServer({ seed: 21 }));
    const { store } = world.api;
    // k6 refuses executor durations under 1 s: the warm-up is 1 s here.
    const suite = await writeSuite(kindSuite({ duration: '10s', profiles: ['baseline'] }).replace('driver: builtin', 'driver: k6').replace('warmup: 200ms', 'warmup: 1s'));
    const runDir = join(suite.dir, 'run');
    const result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir], { env: world.env });
    expect(result.exitCode, String(result.stderr)).toBe(0);

    // k6's image is loaded into the cluster before anything is measured, like the workload's.
    expect((await world.calls()).map((call) => `${call.tool} ${call.argv.join(' ')}`)).toEqual(
      expect.arrayContaining(['docker pull grafana/k6:2.2.0', `kind load image-archive ${join(runDir, 'images', 'grafana_k6_2.2.0.tar')} --name meshbench-baseline`]),
    );
    // The stack warm-up's Job first (not recorded), then two cells (two repetitions), two Jobs,
    // each read back into the histogram of what its k6 saw.
    expect(played.pods).toHaveLength(3);
    played.pods.shift();
    const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    expect(results).toHaveLength(2);
    results.forEach((cell: { status: string; histogram: string; requests: number }, i: number) => {
      expect(cell.status).toBe('completed');
      expectLatencyWithin(summarise(decodeHistogram(cell.histogram)), exactPercentiles(played!.pods[i]!.result.measuredSuccessMs), 0.01);
      expect(cell.requests).toBe(400);
    });
    // Each runner's summary is kept in the run directory for audit.
    const kept = JSON.parse(await readFile(join(runDir, 'k6', `${played.pods[0]!.name.replace(/-[a-z0-9]{5}$/, '')}.summaries.json`), 'utf8'));
    expect(kept).toEqual([{ pod: played.pods[0]!.name, summary: expect.objectContaining({ metrics: expect.any(Object) }) }]);

    // What was applied: a valid ConfigMap and Job in the run's namespace, by meshbench.
    const namespace = `meshbench-${runDir.split('/').at(-1)}`;
    const bodies = world.api.requests
      .filter((r) => r.method === 'PATCH' && r.path.startsWith(`/api/v1/namespaces/${namespace}/configmaps/`) || (r.method === 'PATCH' && r.path.startsWith(`/apis/batch/v1/namespaces/${namespace}/jobs/`)))
      .map((r) => JSON.parse(r.body) as StoredObject);
    expect(bodies.map((b) => b.kind)).toEqual(['ConfigMap', 'Job', 'ConfigMap', 'Job', 'ConfigMap', 'Job']); // the warm-up's, then each cell's
    for (const body of bodies) {
      if (body.kind === 'Job') expect(() => new Job(body as never).validate()).not.toThrow();
      else expect(() => validateObject(body)).not.toThrow();
      expect(body.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'meshbench' });
    }
    // k6 targets the workload's in-cluster address, not the host port.
    const job = bodies.find((b) => b.kind === 'Job') as unknown as Job;
    expect(job.spec!.template.spec!.containers[0]!.args).toContain(`TARGET_URL=http://echo.${namespace}.svc.cluster.local/`);
    // And nothing of k6's is left behind.
    expect(store.list({ type: type('batch/v1', 'Job') })).toEqual([]);
    expect(store.list({ type: type('v1', 'ConfigMap'), namespace })).toEqual([]);
  }, 60_000);
});
