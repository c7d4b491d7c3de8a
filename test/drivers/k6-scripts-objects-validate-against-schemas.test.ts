// objects.ts: the ConfigMap and Job validate against the Kubernetes schemas (kubernetes-models),
// the TestRun against k6-operator's CRD schema (excerpt in test/fixtures/k6-operator), made strict
// about unknown fields, which the API server would otherwise drop without a word.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { k6ConfigMap, k6Job, k6TestRun, K6_IMAGE, type K6RunObjects } from '../../src/drivers/k6/objects.ts';
import { k6Env } from '../../src/drivers/k6/params.ts';
import { loadCell, workload } from './k6-support.ts';

const INT32 = { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 } as const;

/** Every object schema that lists properties rejects others, like a typo the API server would prune. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'enum' ? value : strict(value)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

const ajv = new Ajv({ allErrors: true, formats: { int32: INT32, int64: { type: 'number', validate: Number.isInteger }, 'date-time': true } });
ajv.addVocabulary(['x-kubernetes-list-type', 'x-kubernetes-map-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-int-or-string']);
const validateTestRun = ajv.compile(strict(parse(readFileSync('test/fixtures/k6-operator/testrun-schema.yaml', 'utf8'))) as object);

function options(overrides: Partial<K6RunObjects> = {}): K6RunObjects {
  return {
    name: 'k6-latency-r1',
    namespace: 'meshbench-baseline',
    runId: '20260101-000000-demo',
    script: 'export default function () {}\n',
    env: k6Env({ cell: loadCell(), targetUrl: 'http://echo.meshbench-baseline.svc/', workload, summaryToStdout: true }),
    workloadSelector: { app: 'echo' },
    ...overrides,
  };
}

describe('k6ConfigMap', () => {
  it('holds the script under its file name and validates', () => {
    const configMap = k6ConfigMap(options());
    expect(() => new ConfigMap(configMap as never).validate()).not.toThrow();
    expect(configMap.metadata?.name).toBe('k6-latency-r1-script');
    expect(configMap.data).toEqual({ 'load.ts': 'export default function () {}\n' });
    expect(configMap.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'meshbench' });
  });

  it('is refused by the validator when broken', () => {
    const broken = { ...k6ConfigMap(options()), data: { 'load.ts': 42 } };
    expect(() => new ConfigMap(broken as never).validate()).toThrow();
  });
});

describe('k6Job', () => {
  const job = k6Job(options());
  const pod = job.spec!.template.spec!;
  const container = pod.containers[0]!;

  it('validates', () => {
    expect(() => new Job(job as never).validate()).not.toThrow();
  });

  it('runs the pinned image once, on the mounted script, with the env as --env args', () => {
    expect(container.image).toBe(K6_IMAGE);
    expect(K6_IMAGE).toMatch(/^grafana\/k6:\d+\.\d+\.\d+$/);
    expect(job.spec).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 600, activeDeadlineSeconds: 85 + 300 });
    expect(pod.restartPolicy).toBe('Never');
    expect(container.args?.[0]).toBe('run');
    expect(container.args?.at(-1)).toBe('/scripts/load.ts');
    expect(container.args).toContain('RATE=500');
    expect(container.args).toContain('SUMMARY_STDOUT=json');
    expect(container.volumeMounts).toEqual([{ name: 'script', mountPath: '/scripts', readOnly: true }]);
    expect(pod.volumes).toEqual([{ name: 'script', configMap: { name: 'k6-latency-r1-script' } }]);
    // Requested on purpose and recorded; no CPU limit (a throttled generator adds its own stalls).
    expect(container.resources).toEqual({ requests: { cpu: '500m', memory: '256Mi' }, limits: { memory: '2Gi' } });
    // No raw samples: the pod log carries only the summary.
    expect(container.args).not.toContain('--out');
  });

  it('keeps off the workload nodes and out of the mesh', () => {
    expect(pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'echo' } }, topologyKey: 'kubernetes.io/hostname' } },
    ]);
    const required = k6Job(options({ antiAffinity: 'required' })).spec!.template.spec!.affinity!.podAntiAffinity!;
    expect(required.requiredDuringSchedulingIgnoredDuringExecution?.[0]?.labelSelector?.matchLabels).toEqual({ app: 'echo' });
    expect(job.spec?.template.metadata?.labels).toMatchObject({ 'sidecar.istio.io/inject': 'false', 'app.kubernetes.io/managed-by': 'meshbench' });
    // Issue 9.7: outside the mesh in ambient too — the pod label overrides the namespace's enrolment.
    expect(job.spec?.template.metadata?.labels).toMatchObject({ 'istio.io/dataplane-mode': 'none' });
  });

  it('is refused by the validator when broken', () => {
    const broken = structuredClone(job) as { spec: { backoffLimit: unknown } };
    broken.spec.backoffLimit = 'none';
    expect(() => new Job(broken as never).validate()).toThrow();
  });
});

describe('k6TestRun', () => {
  const testRun = k6TestRun({ ...options(), parallelism: 4 });

  it('validates against the k6-operator CRD schema', () => {
    expect(validateTestRun(testRun), JSON.stringify(validateTestRun.errors)).toBe(true);
  });

  it('splits the load over N runners from the script ConfigMap, leaving the pods for their logs', () => {
    expect(testRun.spec).toMatchObject({
      parallelism: 4,
      script: { configMap: { name: 'k6-latency-r1-script', file: 'load.ts' } },
    });
    // `cleanup: post` would delete the runner pods, and the summaries in their logs, at `finished`.
    expect(testRun.spec).not.toHaveProperty('cleanup');
    expect(testRun.spec.arguments.split(' ')).toEqual(k6Job(options()).spec!.template.spec!.containers[0]!.args!.slice(1, -1));
    expect(testRun.spec.runner.image).toBe(K6_IMAGE);
    const terms = testRun.spec.runner.affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    expect(terms.map((term) => term.podAffinityTerm.labelSelector?.matchLabels)).toEqual([{ app: 'echo' }, { k6_cr: 'k6-latency-r1' }]);
    expect(() => k6TestRun({ ...options(), parallelism: 0 })).toThrow('positive integer');
  });

  it('puts the runner, initializer and starter pods outside the mesh, sidecar and ambient alike', () => {
    for (const pod of [testRun.spec.runner, testRun.spec.initializer, testRun.spec.starter]) {
      expect(pod.metadata.labels).toMatchObject({ 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' });
      expect(pod.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
    }
  });

  it('is refused by the schema when broken: a wrong type, a value outside the enum, an unknown field', () => {
    const wrongType = structuredClone(testRun) as unknown as { spec: { parallelism: unknown } };
    wrongType.spec.parallelism = '4';
    expect(validateTestRun(wrongType)).toBe(false);
    expect(validateTestRun({ ...testRun, spec: { ...testRun.spec, cleanup: 'always' } })).toBe(false);
    expect(validateTestRun({ ...testRun, spec: { ...testRun.spec, paralelism: 4 } })).toBe(false);
  });
});
