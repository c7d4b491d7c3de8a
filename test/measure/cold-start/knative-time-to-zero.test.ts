// Issue 9.1: Knative takes a revision back to zero only after its stable window, then the grace
// period (or the pod retention period), then queue-proxy's 30 s drain — about 2 minutes with the
// defaults. The fake revision does that (test/fakes/knative-scale-to-zero.ts, 200 times faster);
// the harness must wait that long for "no pods" before it calls an iteration warm, and its bound
// must cover the fake's for any setting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kube } from '../../../src/kube/kube.ts';
import { knativeTimeToZero } from '../../../src/components/knative/time-to-zero.ts';
import { measureColdStarts } from '../../../src/measure/cold-start/knative.ts';
import { FakeKnativeRevision, knativeRevision } from '../../fakes/knative-lifecycle.ts';
import { scaleDownAfterLastRequest, scaleToZeroSettings } from '../../fakes/knative-scale-to-zero.ts';
import type { FakeKubeApi } from '../../fakes/kube-api-server.ts';
import { answer, BODY_BYTES, cluster, coldCell } from './support.ts';

const TIME_SCALE = 1 / 200;

describe("the fake's time to zero is Knative's", () => {
  it('defaults: window 60s, then at once (the activator fronted the pod for longer than the 30s grace), then the 30s drain', () => {
    expect(scaleDownAfterLastRequest(scaleToZeroSettings(), 120_000)).toEqual({ inactiveAfterMs: 60_000, scaledToZeroAfterMs: 60_000, podGoneAfterMs: 90_000 });
  });

  it('the whole grace period when the activator was out of the path (target-burst-capacity 0), or when it came in just now', () => {
    const serving = scaleToZeroSettings({ 'target-burst-capacity': '0' });
    expect(scaleDownAfterLastRequest(serving, 120_000).podGoneAfterMs).toBe(120_000);
    expect(scaleDownAfterLastRequest(scaleToZeroSettings(), 10_000).podGoneAfterMs).toBe(110_000);
  });

  it('a retention period longer than the grace period holds the last pod; the window annotation beats stable-window', () => {
    const settings = scaleToZeroSettings({ 'stable-window': '30s', 'scale-to-zero-pod-retention-period': '1m30s' }, { 'autoscaling.knative.dev/window': '6s' });
    expect(scaleDownAfterLastRequest(settings, 120_000)).toEqual({ inactiveAfterMs: 6_000, scaledToZeroAfterMs: 96_000, podGoneAfterMs: 126_000 });
  });
});

describe("meshbench's time to zero bounds the fake's", () => {
  // A profile's autoscaler (milliseconds) and the config-autoscaler keys meshbench writes for it (config.ts).
  const cases: { name: string; autoscaler: Parameters<typeof knativeTimeToZero>[0]; config: Record<string, string> }[] = [
    { name: 'defaults', autoscaler: {}, config: {} },
    { name: 'tuned like knative-kourier', autoscaler: { scaleToZeroGracePeriod: 6_000, stableWindow: 6_000 }, config: { 'scale-to-zero-grace-period': '6s', 'stable-window': '6s' } },
    { name: 'a long pod retention', autoscaler: { scaleToZeroPodRetentionPeriod: 120_000 }, config: { 'scale-to-zero-pod-retention-period': '2m' } },
    { name: 'a short grace, activator out', autoscaler: { scaleToZeroGracePeriod: 500, targetBurstCapacity: 0 }, config: { 'scale-to-zero-grace-period': '500ms', 'target-burst-capacity': '0' } },
  ];
  it.each(cases)('$name', ({ autoscaler, config }) => {
    const time = knativeTimeToZero(autoscaler);
    // meshbench writes the window on each cold-N service (profile-steps.ts).
    const settings = scaleToZeroSettings(config, { 'autoscaling.knative.dev/window': `${time.windowMs / 1000}s` });
    // The fake's worst case: the activator has only just come into the path.
    expect(time.boundMs).toBe(scaleDownAfterLastRequest(settings, 0).podGoneAfterMs);
    expect(time.waitMs).toBeGreaterThan(time.boundMs);
  });
});

describe('the harness waits for Knative to reach zero on an untuned profile', () => {
  let fake: FakeKubeApi;
  let kube: Kube;
  let revision: FakeKnativeRevision;
  beforeEach(async () => {
    ({ fake, kube } = await cluster());
    const atZero = knativeRevision('cold-1');
    fake.store.put(atZero.deployment(0));
    fake.store.put(atZero.autoscaler(0, 0));
    // Knative's defaults: the cluster's config-autoscaler untouched, no window annotation.
    revision = new FakeKnativeRevision(fake.store, 'cold-1', 'default', { settings: () => scaleToZeroSettings(), timeScale: TIME_SCALE });
  });
  afterEach(() => fake.close());

  const run = (zeroTimeoutMs: number) =>
    measureColdStarts(coldCell({ iterations: 2, idleMs: 0 }), {
      kube, namespace: 'default', services: ['cold-1'], kind: 'knative', expectedBodyBytes: BODY_BYTES, signal: new AbortController().signal,
      request: () => revision.request().then(() => answer()), zeroTimeoutMs, zeroPollMs: 20,
    });

  it("with meshbench's wait, window + grace + drain + margin, every iteration is cold", async () => {
    const { waitMs } = knativeTimeToZero();
    expect(waitMs).toBe(150_000);
    const { iterations, discardedWarm } = await run(waitMs * TIME_SCALE);
    expect(iterations.map((it) => [it.iteration, it.cold, it.ok])).toEqual([[1, true, true], [2, true, true]]);
    expect(discardedWarm).toBe(0);
  });

  it('with the old wait, max(60s, grace + 30s), the pod is still draining when it gives up', async () => {
    const { iterations, discardedWarm } = await run(60_000 * TIME_SCALE);
    expect(discardedWarm).toBe(1);
    expect(iterations[1]!.error).toMatch(/^cold-1 not at zero: 1 pod still present: cold-1-00001-deployment-\S+ \(Terminating\) after 300ms/);
  });
});
