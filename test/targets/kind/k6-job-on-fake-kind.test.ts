// Contract test of driver: k6 on the kind target: the real CLI against fake kind/docker and the
// fake API server, which here also plays the Job controller and the kubelet — when meshbench's k6
// Job appears, a pod finishes with a log of known k6 samples. The cell's histogram must hold those
// samples (warm-up cut), the objects must validate, and the Job and ConfigMap must be gone after.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeHistogram, summarise } from '../../../src/results/histogram.ts';
import { validateObject } from '../../components/schemas.ts';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import type { StoredObject } from '../../fakes/kube-store.ts';
import { expectedLatency, expectLatencyMatches, fedSamples, podLog, summaryFor } from '../../drivers/k6-runners/support.ts';
import { fakeKindWorld, kindSuite, type FakeKindWorld } from './fake-kind-world.ts';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

describe('driver: k6 on the kind target', () => {
  let world: FakeKindWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('runs each cell as a k6 Job in the run namespace and turns its pod log into the histogram', async () => {
    world = await fakeKindWorld(['baseline']);
    const samples = fedSamples();
    const { store } = world.api;
    // The Job controller and kubelet: a pod that ran k6 and left its samples in the log.
    const jobs: string[] = [];
    store.watch({ type: type('batch/v1', 'Job') }, undefined, ({ type: event, object }) => {
      if (event !== 'ADDED') return;
      const { name, namespace } = object.metadata;
      jobs.push(name);
      setTimeout(() => {
        const pod = `${name}-x7k2p`;
        store.put({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: pod, namespace, labels: { 'job-name': name, 'batch.kubernetes.io/job-name': name } },
          spec: { containers: [{ name: 'k6', image: 'grafana/k6:2.3.0' }], restartPolicy: 'Never' },
          status: { phase: 'Succeeded', containerStatuses: [{ name: 'k6', ready: false, restartCount: 0, image: 'grafana/k6:2.3.0', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
        });
        world!.api.setPodLog(namespace!, pod, podLog(samples, summaryFor(samples)));
        store.put({ ...(store.list({ type: type('batch/v1', 'Job'), namespace }).find((j) => j.metadata.name === name) as StoredObject), status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
      }, 100);
    });

    const suite = await writeSuite(kindSuite({ duration: '10s', profiles: ['baseline'] }).replace('driver: builtin', 'driver: k6'));
    const runDir = join(suite.dir, 'run');
    const result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir], { env: world.env });
    expect(result.exitCode, String(result.stderr)).toBe(0);

    // k6's image is loaded into the cluster before anything is measured, like the workload's.
    expect((await world.calls()).map((call) => `${call.tool} ${call.argv.join(' ')}`)).toEqual(
      expect.arrayContaining(['docker pull grafana/k6:2.3.0', `kind load image-archive ${join(runDir, 'images', 'grafana_k6_2.3.0.tar')} --name meshbench-baseline`]),
    );
    // Two cells (two repetitions), two Jobs, each read back into the fed samples' histogram.
    expect(jobs).toHaveLength(2);
    const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    expect(results).toHaveLength(2);
    for (const cell of results) {
      expect(cell.status).toBe('completed');
      expectLatencyMatches(summarise(decodeHistogram(cell.histogram)), expectedLatency(samples));
      expect(cell.requests).toBe(1000);
    }

    // What was applied: a valid ConfigMap and Job in the run's namespace, by meshbench.
    const namespace = `meshbench-${runDir.split('/').at(-1)}`;
    const bodies = world.api.requests
      .filter((r) => r.method === 'PATCH' && r.path.startsWith(`/api/v1/namespaces/${namespace}/configmaps/`) || (r.method === 'PATCH' && r.path.startsWith(`/apis/batch/v1/namespaces/${namespace}/jobs/`)))
      .map((r) => JSON.parse(r.body) as StoredObject);
    expect(bodies.map((b) => b.kind)).toEqual(['ConfigMap', 'Job', 'ConfigMap', 'Job']);
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
