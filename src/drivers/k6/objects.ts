// The Kubernetes objects that run a k6 script inside the cluster. Pure.
// - ConfigMap: the script, mounted as a file (k6 ≥ 0.57 runs .ts directly).
// - Job: one k6 pod. Enough for the rates meshbench usually drives (hundreds to a few thousand
//   requests per second against a small echo server); its log carries the summary.
// - TestRun (k6-operator, k6.io/v1alpha1): N runner pods, each given an equal execution segment
//   of the same script, for loads one pod cannot generate. Needs the operator installed.
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPodAffinityTerm } from 'kubernetes-models/v1/PodAffinityTerm';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import { ownershipLabels, type Labels } from '../../kube/ownership.ts';
import { K6_SCRIPT, k6Args, type K6Env } from './params.ts';

/**
 * Pinned: k6's executors, metrics and summary shape change between releases. v2.2.0 is the newest
 * release tag of grafana/k6 (internal/build/version.go "2.2.0"); its release workflow pushes the
 * image as `grafana/k6:<tag without v>` (.github/workflows/build.yml). There is no v2.3.0 tag.
 */
export const K6_IMAGE = 'grafana/k6:2.2.0';
/** Where the Job mounts the script ConfigMap (k6-operator mounts its own at /test). */
export const K6_SCRIPT_DIR = '/scripts';

// Sized on purpose (recorded with each run): the request is what one k6 needs at the rates
// meshbench drives (about half a core at a few thousand requests per second), so a laptop-sized
// kind node can schedule it; no CPU limit, because a throttled generator would add its own stalls
// to the latencies it measures. The memory limit covers the worst case: k6's Trend sinks keep every
// value (grafana/k6 metrics/sink.go) and up to params.VUS_PER_RUNNER VUs at a megabyte or two each.
export const K6_RESOURCES = {
  requests: { cpu: '500m', memory: '256Mi' },
  limits: { memory: '2Gi' },
} as const;

// The operator's initializer runs `k6 archive` and `k6 inspect` once before the runners
// (k6-operator pkg/resources/jobs/initializer.go); left unset it copies the whole runner spec,
// resources and anti-affinity included.
const INITIALIZER_RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } as const;

/** Seconds a finished Job (and its pod and logs) stays before Kubernetes deletes it. */
export const K6_JOB_TTL_SECONDS = 600;
// Allowance over warm-up + duration + timeout for pulling the image and starting k6.
const START_ALLOWANCE_SECONDS = 300;

export interface K6RunObjects {
  /** Job / TestRun name; the ConfigMap is `<name>-script`. A DNS label. */
  name: string;
  namespace: string;
  runId: string;
  /** The script's source text (src/drivers/k6/scripts.ts reads it from k6/). */
  script: string;
  env: K6Env;
  /** Labels of the workload pods the generator must not share a node with. */
  workloadSelector: Labels;
  /**
   * `required` refuses to schedule next to the workload (right for measurements, impossible on
   * a one-node cluster); `preferred` (default) avoids it when the cluster can.
   */
  antiAffinity?: 'required' | 'preferred';
  resources?: IResourceRequirements;
}

const HOSTNAME_TOPOLOGY = 'kubernetes.io/hostname';

function k6Labels(options: K6RunObjects): Labels {
  return { 'app.kubernetes.io/name': 'k6', 'app.kubernetes.io/component': 'load-generator', ...ownershipLabels(options.runId) };
}

// The load generator sits outside the mesh, in every mesh mode, so that sidecar and ambient profiles
// price the same thing: the server side of the data path, reached in plaintext (PERMISSIVE).
// - Sidecar: no sidecar of its own (it would add a client-side hop and, in a Job, keep the pod
//   running after k6 exits). Istio ≥ 1.10 reads the label, Istio 1.4 (the Mixer profiles) only the
//   annotation (istio/istio#34082), so both are set.
// - Ambient: the run's namespace is enrolled (istio.io/dataplane-mode=ambient), which would have
//   ztunnel capture the k6 pod too (client-side ztunnel, HBONE). istio-cni enrols a pod in an ambient
//   namespace only when its own istio.io/dataplane-mode is not `none` (istio/istio@1.28.3
//   manifests/charts/istio-cni/values.yaml ambient.enablementSelectors, cni/pkg/util/enablement_selector.go).
const POD_LABELS: Labels = { 'sidecar.istio.io/inject': 'false', 'istio.io/dataplane-mode': 'none' };
const POD_ANNOTATIONS: Labels = { 'sidecar.istio.io/inject': 'false' };

function podMetadata(labels: Labels): { labels: Labels; annotations: Labels } {
  return { labels: { ...labels, ...POD_LABELS }, annotations: { ...POD_ANNOTATIONS } };
}

function awayFrom(options: K6RunObjects, extra: IPodAffinityTerm[] = []): IAffinity {
  const terms = [{ labelSelector: { matchLabels: { ...options.workloadSelector } }, topologyKey: HOSTNAME_TOPOLOGY }, ...extra];
  if (options.antiAffinity === 'required') {
    return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: terms } };
  }
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: terms.map((podAffinityTerm) => ({ weight: 100, podAffinityTerm })),
    },
  };
}

function resources(options: K6RunObjects): IResourceRequirements {
  return options.resources ?? structuredClone(K6_RESOURCES);
}

export function k6ScriptConfigMapName(options: K6RunObjects): string {
  return `${options.name}-script`;
}

/** The script as a ConfigMap key named like the file, so k6 sees the `.ts` extension. */
export function k6ConfigMap(options: K6RunObjects): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: k6ScriptConfigMapName(options), namespace: options.namespace, labels: k6Labels(options) },
    data: { [K6_SCRIPT]: options.script },
  };
}

function envMs(env: K6Env, name: string): number {
  const value = Number(env[name] ?? 0);
  if (!Number.isFinite(value)) throw new Error(`k6 --env ${name}=${env[name]} is not a number`);
  return value;
}

/** Longest the Job may run: the scripted time plus an allowance, so a hung k6 cannot hang a run. */
export function k6DeadlineSeconds(env: K6Env): number {
  const scriptedMs = envMs(env, 'WARMUP_MS') + envMs(env, 'DURATION_MS') + envMs(env, 'TIMEOUT_MS');
  return Math.ceil(scriptedMs / 1000) + START_ALLOWANCE_SECONDS;
}

/** One k6 pod running the script once: no retries, removed K6_JOB_TTL_SECONDS after it ends. */
export function k6Job(options: K6RunObjects): IJob {
  const labels = k6Labels(options);
  const file = K6_SCRIPT;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: options.name, namespace: options.namespace, labels },
    spec: {
      // A retried load test would measure twice into one cell: fail once, loudly.
      backoffLimit: 0,
      activeDeadlineSeconds: k6DeadlineSeconds(options.env),
      ttlSecondsAfterFinished: K6_JOB_TTL_SECONDS,
      template: {
        metadata: podMetadata(labels),
        spec: {
          restartPolicy: 'Never',
          affinity: awayFrom(options),
          containers: [
            {
              name: 'k6',
              image: K6_IMAGE,
              // The image's entrypoint is `k6`.
              args: ['run', ...k6Args(options.env), `${K6_SCRIPT_DIR}/${file}`],
              resources: resources(options),
              volumeMounts: [{ name: 'script', mountPath: K6_SCRIPT_DIR, readOnly: true }],
            },
          ],
          volumes: [{ name: 'script', configMap: { name: k6ScriptConfigMapName(options) } }],
        },
      },
    },
  };
}

/** The subset of k6-operator's TestRun that meshbench sets (schema: test fixture, upstream CRD). */
export interface K6TestRun {
  apiVersion: 'k6.io/v1alpha1';
  kind: 'TestRun';
  metadata: { name: string; namespace: string; labels: Labels };
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file: string } };
    arguments: string;
    runner: {
      image: string;
      metadata: { labels: Labels; annotations: Labels };
      resources: IResourceRequirements;
      affinity: IAffinity;
    };
    initializer: { image: string; metadata: { labels: Labels; annotations: Labels }; resources: IResourceRequirements };
    starter: { metadata: { labels: Labels; annotations: Labels } };
    /** Left unset by k6TestRun (see there); `post` would delete the runner pods when finished. */
    cleanup?: 'post';
  };
}

/**
 * A k6-operator TestRun: `parallelism` runners each run 1/N of the script's arrival rate and VUs
 * (size the env with `runners: parallelism`). The operator's own `separate: true` would replace
 * our affinity, so runners are spread from each other here, by the `k6_cr` label it sets.
 * `cleanup` stays unset: `post` deletes the runner pods (and their logs, which carry the summaries)
 * as soon as the stage is `finished`, racing the harness that reads them. run-testrun.ts reads
 * every runner's log first, then deletes the TestRun, whose runner Jobs and pods go with it.
 * The starter pod gets only `spec.starter.metadata` (k6-operator pkg/resources/jobs/starter.go): it
 * is put outside the mesh there too, or an injected istio-proxy keeps its Job from completing.
 */
export function k6TestRun(options: K6RunObjects & { parallelism: number }): K6TestRun {
  if (!Number.isInteger(options.parallelism) || options.parallelism < 1) {
    throw new Error(`k6 TestRun parallelism must be a positive integer, got ${options.parallelism}`);
  }
  const labels = k6Labels(options);
  const runnersApart: IPodAffinityTerm = { labelSelector: { matchLabels: { k6_cr: options.name } }, topologyKey: HOSTNAME_TOPOLOGY };
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: options.name, namespace: options.namespace, labels },
    spec: {
      parallelism: options.parallelism,
      script: { configMap: { name: k6ScriptConfigMapName(options), file: K6_SCRIPT } },
      // The operator splits this string on whitespace; k6Args refuses arguments that hold any.
      arguments: k6Args(options.env).join(' '),
      runner: {
        image: K6_IMAGE,
        metadata: podMetadata(labels),
        resources: resources(options),
        affinity: awayFrom(options, options.parallelism > 1 ? [runnersApart] : []),
      },
      initializer: { image: K6_IMAGE, metadata: podMetadata(labels), resources: structuredClone(INITIALIZER_RESOURCES) },
      starter: { metadata: podMetadata(labels) },
    },
  };
}
