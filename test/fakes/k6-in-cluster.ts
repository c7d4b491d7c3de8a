// The Job controller, the k6-operator and the kubelet for meshbench's k6 objects on the fake API
// server: each k6 pod runs the fake k6 (test/fakes/k6/run.ts: the real script on a modelled
// server) with the argv a real pod would get, its output goes into the pod's container log (which
// rotates like the kubelet's), and the Job / TestRun status moves as the real controllers move it.
// - Job (kubernetes pkg/controller/job, pkg/registry/batch/job/strategy.go): a pod named
//   <job>-<5 chars> labelled job-name and batch.kubernetes.io/job-name, status active/ready while
//   it runs, then succeeded or failed with a Complete / Failed condition.
// - TestRun (k6-operator v1.6.0 internal/controller/testrun_controller.go, k6_create.go,
//   k6_start.go; pkg/resources/jobs/runner.go): stages initialization → initialized → created →
//   started → finished; runner pods <name>-<i>-<5 chars> labelled app=k6, k6_cr=<name>,
//   runner=true (plus spec.runner.metadata.labels that do not clash); each runs
//   `k6 run --quiet --execution-segment=… --execution-segment-sequence=… <spec.arguments split on
//   whitespace> /test/<file> --address=0.0.0.0:6565 --paused --tag instance_id=<i> --tag
//   testrun_name=<name>`. The operator sets `started` as it CREATES the starter Job
//   <name>-starter (labels app=k6, k6_cr=<name>, plus spec.starter.metadata.labels; k6_start.go,
//   pkg/resources/jobs/starter.go); the paused runners begin only when the starter's curl PATCHes
//   their /v1/status, and the starter Job completes after its last curl (`starterLagMs` after it
//   was created). The starter Job goes with the TestRun (its controller ownerReference).
// - Options: `realTime` keeps each k6 pod Running for its test's duration on the wall clock (the
//   k6 run itself is on a virtual clock), and `jobCompletionLagMs` delays a Job's Complete status
//   after its pod ended (the kubelet reporting the container's exit, then the Job controller).
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeKubeApi } from './kube-api-server.ts';
import type { StoredObject } from './kube-store.ts';
import { RESOURCE_TYPES } from './kube-resources.ts';
import { runFakeK6, type FakeK6Result, type ServerModel } from './k6/run.ts';

const type = (groupVersion: string, kind: string) => RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.kind === kind)!;

export interface K6Pod {
  name: string;
  argv: string[];
  result: FakeK6Result;
}

export interface PlayedK6 {
  /** Every k6 pod that ran, in order. */
  pods: K6Pod[];
  /** Resolves once `count` pods have finished. */
  finished(count: number): Promise<K6Pod[]>;
  stop(): void;
}

const suffix = (): string => Math.random().toString(36).slice(2, 7);

export interface PlayK6Options {
  startEpochMs?: number;
  realTime?: boolean;
  /** Wall ms from the starter Job's creation to its completion (default 0). */
  starterLagMs?: number;
  jobCompletionLagMs?: number;
  /** Called with the wall time (Date.now) a Job is marked Complete or Failed. */
  onJobDone?(atMs: number): void;
}

export function playK6InCluster(api: FakeKubeApi, server: ServerModel, options: PlayK6Options = {}): PlayedK6 {
  const { store } = api;
  const pods: K6Pod[] = [];
  const waiters: (() => void)[] = [];
  let clock = options.startEpochMs ?? Date.UTC(2026, 2, 1, 10, 0, 0);

  /** Runs the fake k6 now (virtual clock); `exited` resolves once the pod has ended (after its duration with realTime). */
  async function runPod(namespace: string, name: string, labels: Record<string, string>, argv: string[], startEpochMs: number): Promise<{ result: FakeK6Result; exited: Promise<void> }> {
    const wallStart = Date.now();
    const base: StoredObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, labels },
      spec: { containers: [{ name: 'k6', image: 'grafana/k6:2.2.0', args: argv.slice(1) }], restartPolicy: 'Never' },
      status: { phase: 'Running', containerStatuses: [{ name: 'k6', ready: true, restartCount: 0, state: { running: { startedAt: new Date(startEpochMs).toISOString() } } }] },
    };
    store.put(base);
    const log = api.containerLog(namespace, name);
    const result = await runFakeK6({ argv, server, startEpochMs, onOutput: (stream, text, at) => log.write(stream, text, at) });
    clock = Math.max(clock, startEpochMs + result.testRunDurationMs + 1000);
    const exited = (async () => {
      if (options.realTime) await sleep(Math.max(0, wallStart + result.testRunDurationMs - Date.now()));
      log.exited();
      const exitCode = result.exitCode;
      store.put({
        ...base,
        status: {
          phase: exitCode === 0 ? 'Succeeded' : 'Failed',
          containerStatuses: [{ name: 'k6', ready: false, restartCount: 0, state: { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error' } } }],
        },
      });
      pods.push({ name, argv, result });
      for (const wake of waiters.splice(0)) wake();
    })();
    return { result, exited };
  }

  const stopJobs = store.watch({ type: type('batch/v1', 'Job') }, undefined, ({ type: event, object }) => {
    // The operator's own Jobs (its starter) are played by the TestRun controller below.
    if (event !== 'ADDED' || object.metadata.labels?.k6_cr !== undefined) return;
    const job = object;
    const { name, namespace } = job.metadata as { name: string; namespace: string };
    const template = (job.spec as { template: { metadata?: { labels?: Record<string, string> }; spec: { containers: { args: string[] }[] } } }).template;
    void (async () => {
      await Promise.resolve();
      store.put({ ...job, status: { active: 1, ready: 1 } });
      const { result, exited } = await runPod(namespace, `${name}-${suffix()}`, { ...template.metadata?.labels, 'job-name': name, 'batch.kubernetes.io/job-name': name }, template.spec.containers[0]!.args, clock);
      await exited;
      if (options.jobCompletionLagMs) await sleep(options.jobCompletionLagMs);
      const current = store.get(type('batch/v1', 'Job'), namespace, name);
      if (!current) return;
      options.onJobDone?.(Date.now());
      store.put({
        ...current,
        status: result.exitCode === 0
          ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }
          : { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] },
      });
    })();
  });

  const stopTestRuns = store.watch({ type: type('k6.io/v1alpha1', 'TestRun') }, undefined, ({ type: event, object }) => {
    const { name, namespace } = object.metadata as { name: string; namespace: string };
    // Garbage collection: the starter Job is owned by the TestRun.
    if (event === 'DELETED') return void store.remove('batch/v1', 'Job', namespace, `${name}-starter`);
    if (event !== 'ADDED') return;
    const spec = object.spec as {
      parallelism: number; arguments: string; script: { configMap: { file: string } };
      runner: { metadata?: { labels?: Record<string, string> } }; starter?: { metadata?: { labels?: Record<string, string> } };
    };
    const stage = (value: string) => {
      const current = store.get(type('k6.io/v1alpha1', 'TestRun'), namespace, name);
      if (current) store.put({ ...current, status: { ...(current.status as object), stage: value } });
    };
    void (async () => {
      await Promise.resolve();
      for (const s of ['initialization', 'initialized', 'created']) stage(s);
      // k6_start.go: the starter Job is created, and the stage set to `started` right away.
      const starter: StoredObject = {
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: { name: `${name}-starter`, namespace, labels: { ...spec.starter?.metadata?.labels, app: 'k6', k6_cr: name } },
        spec: { template: { spec: { containers: [{ name: 'k6-curl', image: 'ghcr.io/grafana/k6-operator:latest-starter' }], restartPolicy: 'Never' } } },
        status: { active: 1 },
      };
      store.put(starter);
      stage('started');
      if (options.starterLagMs) await sleep(options.starterLagMs);
      if (!store.get(type('k6.io/v1alpha1', 'TestRun'), namespace, name)) return;
      store.put({ ...starter, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
      const n = spec.parallelism;
      const sequence = ['0', ...Array.from({ length: n - 1 }, (_, i) => `${i + 1}/${n}`), '1'];
      // The starter has resumed the runners; the fake runs their k6 one after another (one virtual clock).
      const startEpochMs = clock;
      const runs: { result: FakeK6Result; exited: Promise<void> }[] = [];
      for (let i = 1; i <= n; i++) {
        const labels = { ...spec.runner.metadata?.labels, app: 'k6', k6_cr: name, runner: 'true' };
        const argv = [
          'run', '--quiet', `--execution-segment=${sequence[i - 1]}:${sequence[i]}`, `--execution-segment-sequence=${sequence.join(',')}`,
          ...spec.arguments.split(/\s+/).filter(Boolean), `/test/${spec.script.configMap.file}`, '--address=0.0.0.0:6565', '--paused',
          '--tag', `instance_id=${i}`, '--tag', `testrun_name=${name}`,
        ];
        runs.push(await runPod(namespace, `${name}-${i}-${suffix()}`, labels, argv, startEpochMs));
      }
      await Promise.all(runs.map((run) => run.exited));
      stage(runs.every((run) => run.result.exitCode === 0) ? 'finished' : 'error');
    })();
  });

  return {
    pods,
    finished: (count) =>
      new Promise((resolve) => {
        const check = () => (pods.length >= count ? resolve(pods.slice(0, count)) : waiters.push(check));
        check();
      }),
    stop() {
      if (typeof stopJobs === 'function') stopJobs();
      if (typeof stopTestRuns === 'function') stopTestRuns();
    },
  };
}
