// Issue 9.7: one rule for where the load generator sits — outside the mesh, in sidecar and ambient
// mode alike. In ambient the run's namespace is enrolled, so without an opt-out of its own the k6
// pod would be captured too (a client-side ztunnel and HBONE that the sidecar profiles do not
// have). The fake kind world models istio-cni's enrolment (test/fakes/istio-cni-ambient.ts, from
// istio/istio@1.28.3): the k6 pod must never be enrolled, the workload must be.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshbench } from '../../e2e/cli.ts';
import { writeSuite } from '../../e2e/suites.ts';
import { seededServer } from '../../drivers/k6-runners/support.ts';
import { ambientEnrolled, REDIRECTION } from '../../fakes/istio-cni-ambient.ts';
import { playK6InCluster, type PlayedK6 } from '../../fakes/k6-in-cluster.ts';
import { RESOURCE_TYPES } from '../../fakes/kube-resources.ts';
import type { StoredObject } from '../../fakes/kube-store.ts';
import { fakeKindWorld, kindSuite, type FakeKindWorld } from './fake-kind-world.ts';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

describe('istio-ambient with the k6 Job on the fake kind target', () => {
  let world: FakeKindWorld;
  let played: PlayedK6;
  let runDir: string;
  let result: Awaited<ReturnType<typeof meshbench>>;
  /** Every state a k6 pod was seen in: its name and whether istio-cni had enrolled it. */
  const k6Pods: { name: string; enrolled: boolean }[] = [];

  beforeAll(async () => {
    world = await fakeKindWorld(['istio-ambient']);
    // Pods run for their test's duration on the wall clock, so the kubelet has a real window to sample.
    played = playK6InCluster(world.api, seededServer({ seed: 9 }), { realTime: true });
    world.api.store.watch({ type: type('v1', 'Pod'), labelSelector: 'app.kubernetes.io/name=k6' }, undefined, ({ object }) => {
      k6Pods.push({ name: object.metadata.name, enrolled: (object.metadata.annotations as Record<string, string> | undefined)?.[REDIRECTION] === 'enabled' });
    });
    const suite = await writeSuite(
      kindSuite({ duration: '1s', profiles: ['istio-ambient'] }).replace('driver: builtin', 'driver: k6').replace('warmup: 200ms', 'warmup: 1s').replace('repetitions: 2', 'repetitions: 1'),
    );
    runDir = join(suite.dir, 'run');
    result = await meshbench(['run', suite.file, '--target', 'kind', '--out', runDir, '--sample-interval', '100ms'], { env: world.env });
  }, 120_000);
  afterAll(async () => {
    played.stop();
    await world.close();
  });

  it('runs the cell', () => {
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(played.pods).toHaveLength(2); // the stack warm-up's k6 Job, then the cell's
  });

  it('the namespace is enrolled in ambient, and with it the workload, but never the k6 pod', () => {
    const applied = world.api.requests.filter((r) => r.method === 'PATCH' && r.query.fieldManager === 'meshbench').map((r) => JSON.parse(r.body) as StoredObject);
    const namespace = applied.find((o) => o.kind === 'Namespace')!;
    const echo = applied.find((o) => o.kind === 'Deployment' && o.metadata.name === 'echo') as { spec: { template: { metadata: { labels: Record<string, string> } } } } | undefined;
    expect(namespace.metadata.labels).toMatchObject({ 'istio.io/dataplane-mode': 'ambient' });
    expect(ambientEnrolled(echo!.spec.template.metadata.labels, {}, namespace.metadata.labels!)).toBe(true);
    expect(k6Pods.map((p) => p.name)).toContain(played.pods[0]!.name);
    expect(k6Pods.filter((p) => p.enrolled)).toEqual([]);
  });

  it("states the rule in the data path, and prices ztunnel on the workload's side only", async () => {
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8'));
    expect(record.stacks[0].dataPath).toEqual([
      'client outside the mesh (in-cluster k6 pod, or the host through the kind node port)',
      "ztunnel (the workload's node only)",
      'echo (fortio)',
    ]);
    const { results } = JSON.parse(await readFile(join(runDir, 'results.json'), 'utf8'));
    const ztunnel = results[0].resources.find((u: { component: string }) => u.component === 'ztunnel');
    expect(ztunnel.error).toBeUndefined();
    expect(ztunnel.source).toMatch(/^istio-system\/ztunnel-[a-z0-9]+\/istio-proxy$/);
  });
});
