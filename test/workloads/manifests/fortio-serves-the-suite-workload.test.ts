import { describe, expect, it } from 'vitest';
import {
  ECHO_IMAGE,
  ECHO_RESOURCES,
  echoDeployment,
  echoKnativeService,
  echoServerArgs,
  type EchoOptions,
} from '../../../src/workloads/echo/manifests.ts';

const base: EchoOptions = {
  name: 'echo',
  namespace: 'meshbench-echo',
  runId: 'run-1',
  workload: { delay: 5, size: 1024, startupDelay: 0 },
};

describe('the fortio echo server configured from the suite workload', () => {
  it('maps delay and size to fortio default params and raises its delay cap to ours', () => {
    expect(echoServerArgs({ delay: 5, size: 1024, startupDelay: 0 })).toEqual([
      'server',
      '-http-port=8080',
      '-grpc-port=disabled',
      '-redirect-port=disabled',
      '-echo-server-default-params=delay=5ms&size=1024',
      '-max-echo-delay=60000ms',
    ]);
  });

  it('raises the payload cap only for bodies above fortio’s 256 KiB default', () => {
    expect(echoServerArgs({ delay: 0, size: 256 * 1024, startupDelay: 0 })).not.toContainEqual(
      expect.stringMatching(/maxpayloadsizekb/),
    );
    expect(echoServerArgs({ delay: 0, size: 1024 * 1024 + 1, startupDelay: 0 })).toContain('-maxpayloadsizekb=1025');
  });

  it('pins the image, sizes its requests (no CPU limit to throttle it) and probes without the workload delay', () => {
    const container = echoDeployment(base).spec?.template.spec?.containers[0];
    expect(container?.image).toBe(ECHO_IMAGE);
    expect(ECHO_IMAGE).toMatch(/^fortio\/fortio:\d+\.\d+\.\d+$/);
    expect(container?.resources).toEqual({ requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '256Mi' } });
    expect(container?.resources).toEqual(ECHO_RESOURCES);
    // Cold-start services request what Knative's scale-from-zero benchmark gives its services.
    expect(echoDeployment({ ...base, sizing: 'cold-start' }).spec?.template.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '128Mi' } });
    expect(container?.readinessProbe?.httpGet).toEqual({ path: '/?size=0', port: 8080 });
  });

  it('emulates the startup delay with a sleeping init container, only when there is one', () => {
    expect(echoDeployment(base).spec?.template.spec?.initContainers).toBeUndefined();
    const delayed = echoDeployment({ ...base, workload: { ...base.workload, startupDelay: 1500 } });
    expect(delayed.spec?.template.spec?.initContainers?.map((c) => [c.image, c.command])).toEqual([
      ['busybox:1.37.0', ['sleep', '1.5']],
    ]);
  });

  it('puts the autoscaling annotations on the Knative revision template', () => {
    const service = echoKnativeService(base, {
      windowMs: 6000,
      minScale: 0,
      maxScale: 5,
      initialScale: 0,
      targetBurstCapacity: -1,
    });
    expect(service.spec?.template?.metadata?.annotations).toEqual({
      'autoscaling.knative.dev/window': '6s',
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '5',
      'autoscaling.knative.dev/initial-scale': '0',
      'autoscaling.knative.dev/target-burst-capacity': '-1',
    });
    expect(echoKnativeService(base).spec?.template?.metadata?.annotations).toEqual({});
  });

  it('leaves Knative to pick the probe port and period (aggressive queue-proxy probing)', () => {
    const container = echoKnativeService(base).spec?.template?.spec?.containers[0];
    expect(container?.readinessProbe).toEqual({ httpGet: { path: '/?size=0' } });
    expect(container?.ports).toEqual([{ name: 'http1', containerPort: 8080 }]);
  });
});
