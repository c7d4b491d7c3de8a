// Builds the target a run uses from its name and flags, with the real effects (processes,
// Kubernetes API, release downloads) plugged in.
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createKube, type Kube } from '../kube/kube.ts';
import { DEFAULT_KUBELET_POLL_MS } from '../measure/kubelet-sampler.ts';
import { UsageError } from '../errors.ts';
import type { Runner } from '../exec/runner.ts';
import { parseDuration } from '../suite/duration.ts';
import type { TargetName } from '../suite/schema.ts';
import { releaseFetcher } from '../targets/cluster/run-steps.ts';
import { createExistingTarget } from '../targets/existing/index.ts';
import { createKindTarget } from '../targets/kind/index.ts';
import { createLocalTarget } from '../targets/local/index.ts';
import type { Target } from '../targets/target.ts';

/** Flags of `meshbench run` that shape a cluster target. */
export interface ClusterFlags {
  keepClusters?: boolean | undefined;
  reuseClusters?: boolean | undefined;
  kubeconfig?: string | undefined;
  context?: string | undefined;
  install?: boolean | undefined;
  ingressUrl?: string | undefined;
  releaseMirror?: string | undefined;
  sampleInterval?: string | undefined;
}

export interface TargetEnvironment {
  runner: Runner;
  /** The run directory: kind configs and kubeconfigs go there. */
  runDir: string;
  log(line: string): void;
  /** kind: the platform image archives are saved for (the docker daemon's, from the preflight). */
  platform?: string | undefined;
}

/** A run id Kubernetes accepts as a label value and inside a namespace name. */
export function runIdOf(runDir: string): string {
  return basename(runDir).toLowerCase().replace(/[^a-z0-9.-]/g, '-').slice(0, 40).replace(/[^a-z0-9]+$/, '');
}

export function openTarget(name: TargetName, flags: ClusterFlags, env: TargetEnvironment): Target {
  const fetchRelease = releaseFetcher(flags.releaseMirror);
  const sampleIntervalMs = sampleInterval(flags.sampleInterval);
  const runId = runIdOf(env.runDir);
  switch (name) {
    case 'local':
      return createLocalTarget();
    case 'kind':
      // runSuite resolves it from the preflight's docker info before anything is created.
      if (env.platform === undefined) throw new Error('the kind target needs the docker daemon\'s platform');
      return createKindTarget({
        runner: env.runner,
        workDir: env.runDir,
        runId,
        keepClusters: flags.keepClusters === true,
        reuseClusters: flags.reuseClusters === true,
        kubeFor: (kubeconfig) => kubeFrom(kubeconfig, undefined),
        fetchRelease,
        log: env.log,
        sampleIntervalMs,
        platform: env.platform,
      });
    case 'existing': {
      const kubeconfig = defaultKubeconfig(flags.kubeconfig);
      return createExistingTarget({
        runner: env.runner,
        kube: kubeFrom(kubeconfig, flags.context),
        kubeconfig,
        context: flags.context,
        runId,
        install: flags.install === true,
        ingressUrl: flags.ingressUrl,
        fetchRelease,
        log: env.log,
        sampleIntervalMs,
      });
    }
  }
}

/**
 * --sample-interval: how often the kubelets are polled; 5 s by default. Their readings change only
 * at cAdvisor housekeeping, 10–30 s apart (see src/measure/cpu-rate.ts), so a 5 s poll sees every
 * reading, at least twice, within 5 s of its taking; polling faster only repeats readings.
 */
export function sampleInterval(flag: string | undefined): number {
  if (flag === undefined) return DEFAULT_KUBELET_POLL_MS;
  const ms = parseDuration(flag);
  if (ms === undefined || ms <= 0) throw new UsageError(`--sample-interval: expected a duration with a unit like "2s"; got "${flag}"`);
  return ms;
}

/** --kubeconfig, else $KUBECONFIG (its first file), else ~/.kube/config — kubectl's order. */
export function defaultKubeconfig(flag: string | undefined): string {
  return flag ?? process.env.KUBECONFIG?.split(':')[0] ?? join(homedir(), '.kube', 'config');
}

function kubeFrom(kubeconfig: string, context: string | undefined): Kube {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  if (context) kc.setCurrentContext(context);
  return createKube(kc);
}
