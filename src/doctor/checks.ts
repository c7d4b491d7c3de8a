// `meshbench doctor`, the pure half: what a target and its profiles need, how the probed facts
// measure up, and how the verdict reads. Probing (processes, os, statfs) lives in probe.ts.
import { isLegacyIstio } from '../components/istio/install.ts';
import type { Profile, TargetName } from '../suite/schema.ts';
import { needsCgroupV1, nodeKubernetesVersion } from '../targets/kind/node-image.ts';
import { daemonChecks, judgeDocker } from './daemon-checks.ts';
import type { DockerDaemon } from './docker-info.ts';

export type Tool = 'docker' | 'kind' | 'kubectl' | 'istioctl' | 'helm' | 'k6';

export interface ToolNeed {
  tool: Tool;
  /** A required tool that is missing fails doctor (exit 3); an optional one is a warning. */
  required: boolean;
}

export interface Needs {
  target: TargetName;
  tools: ToolNeed[];
  /** The kind release the profiles were pinned with (their node images are built for it): kind must be it. */
  kindVersion: string | undefined;
  /** Istio releases the profiles pin; istioctl installs its own version, so it must match when it installs. */
  istioVersions: string[];
  /** kind: profiles whose node image runs Kubernetes < 1.19, which kind runs on cgroup v1 hosts only. */
  cgroupV1Profiles: { profile: string; kubernetes: string }[];
  /** istioctl ≤ 1.4 installs some profile: it shells out to kubectl, which must be ≤ 1.25. */
  legacyIstioctl: boolean;
  /** kind: what the largest profile's cluster requests (src/run/cluster-requests.ts); its pods must fit this machine. */
  requested?: Requested | undefined;
  cpus: number;
  memoryBytes: number;
  diskBytes: number;
}

export interface Requested {
  profile: string;
  cpuMillicores: number;
  memoryBytes: number;
}

export interface ToolProbe {
  found: boolean;
  version?: string;
  /** It ran but failed: the first line it printed on stderr. */
  problem?: string;
}

export interface Facts {
  tools: Partial<Record<Tool, ToolProbe>>;
  /** `docker info`: the daemon answers, or why not. */
  dockerDaemon?: DockerDaemon;
  system: { cpus: number; totalMemoryBytes: number; freeMemoryBytes: number; freeDiskBytes: number; diskPath: string };
}

export type Status = 'ok' | 'missing' | 'warning';

export interface CheckResult {
  name: string;
  status: Status;
  detail: string;
  fix?: string;
}

const GiB = 1024 ** 3;

// Without a suite (or on the local target) the need is a stated minimum. With a suite on kind it
// is what the largest profile's cluster requests (clusters exist one at a time), plus one CPU of
// headroom for the work itself; every kind cluster keeps its node container on disk (node image,
// etcd, the loaded image archives), 10 GiB for the first and 3 GiB per further profile.
const KIND_BASE = { cpus: 2, memory: 4 * GiB, disk: 10 * GiB };
const HEADROOM_CPUS = 1;
const DISK_PER_EXTRA_CLUSTER = 3 * GiB;
const LOCAL = { cpus: 2, memory: 1 * GiB, disk: 1 * GiB };

const usesIstio = (profile: Profile): boolean => profile.mesh.type !== 'none' || profile.serving.ingress === 'istio';

/**
 * What the target and profiles need; no profiles (no suite) means "any kind profile". `k6Local`:
 * some load cell runs the k6 binary here (otherwise k6 is reported, not required: in a cluster
 * it runs from its image).
 */
export function needsOf(target: TargetName, profiles: Profile[], options: { k6Local?: boolean; install?: boolean; requested?: Requested | undefined } = {}): Needs {
  const k6: ToolNeed = { tool: 'k6', required: options.k6Local === true };
  const istio = profiles.some(usesIstio);
  const istioVersions = [...new Set(profiles.filter(usesIstio).flatMap((p) => (p.mesh.version ? [p.mesh.version] : [])))];
  const kindVersion = profiles.find((p) => p.kubernetes?.kindVersion)?.kubernetes?.kindVersion;
  const installsIstio = target === 'kind' || (target === 'existing' && options.install === true);
  const legacyIstioctl = installsIstio && profiles.some((p) => usesIstio(p) && p.mesh.version !== undefined && isLegacyIstio(p.mesh.version));
  // Required when istioctl 1.4 runs it; otherwise only for looking around.
  const kubectl: ToolNeed = { tool: 'kubectl', required: legacyIstioctl };
  const pins = { kindVersion, istioVersions, cgroupV1Profiles: [] as Needs['cgroupV1Profiles'], legacyIstioctl };
  // Without a suite we cannot know whether Istio is used: report istioctl and helm, require neither.
  const istioTools: ToolNeed[] = [
    { tool: 'istioctl', required: istio },
    { tool: 'helm', required: false },
  ];
  if (target === 'local') {
    return { target, tools: [k6], ...pins, cpus: LOCAL.cpus, memoryBytes: LOCAL.memory, diskBytes: LOCAL.disk };
  }
  if (target === 'existing') {
    // The cluster is someone else's: only the clients are needed here, and room for the reports.
    // istioctl only installs: without --install the existing cluster's Istio is only checked.
    const existingIstio = istioTools.map((need) => (need.tool === 'istioctl' ? { ...need, required: need.required && options.install === true } : need));
    return { target, tools: [kubectl, ...existingIstio, k6], ...pins, cpus: 1, memoryBytes: 1 * GiB, diskBytes: 1 * GiB };
  }
  const { requested } = options;
  return {
    target,
    tools: [{ tool: 'docker', required: true }, { tool: 'kind', required: true }, kubectl, ...istioTools, k6],
    ...pins,
    cgroupV1Profiles: profiles.flatMap((p) => {
      const image = p.kubernetes?.nodeImage;
      return image !== undefined && needsCgroupV1(image) ? [{ profile: p.name, kubernetes: nodeKubernetesVersion(image)! }] : [];
    }),
    ...(requested ? { requested } : {}),
    cpus: requested ? Math.ceil(requested.cpuMillicores / 1000) + HEADROOM_CPUS : KIND_BASE.cpus,
    memoryBytes: requested ? requested.memoryBytes : KIND_BASE.memory,
    diskBytes: KIND_BASE.disk + Math.max(0, profiles.length - 1) * DISK_PER_EXTRA_CLUSTER,
  };
}

// istioctl 1.4 runs `kubectl apply --prune` and fails on anything kubectl prints to stderr
// (istio/operator@1.4.10 cmd/mesh/manifest-common.go); kubectl ≥ 1.26 always warns there
// (kubernetes/kubectl pkg/util/prune/prune.go@kubernetes-1.26.0). 1.17.17 is within one minor of
// the 1.16 node and predates the reworded last-applied warning (1.20) istioctl 1.4 ignores.
const LEGACY_KUBECTL = 'v1.17.17';
const LEGACY_KUBECTL_MAX_MINOR = 25;

const INSTALL: Record<Tool, (needs: Needs) => string> = {
  docker: () => 'install Docker Engine: https://docs.docker.com/engine/install/ (Debian/Ubuntu: sudo apt-get install -y docker.io)',
  kind: (needs) => {
    const version = needs.kindVersion ?? 'v0.30.0';
    return `install kind ${version}: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (go install sigs.k8s.io/kind@${version}, or curl -Lo ./kind https://kind.sigs.k8s.io/dl/${version}/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind)`;
  },
  kubectl: (needs) =>
    needs.legacyIstioctl
      ? `install kubectl ${LEGACY_KUBECTL} and put it first on PATH (1.15–1.17 suit the 1.16 node best; any ≤ 1.25 works): curl -LO https://dl.k8s.io/release/${LEGACY_KUBECTL}/bin/linux/amd64/kubectl && chmod +x kubectl`
      : 'install kubectl: https://kubernetes.io/docs/tasks/tools/ (Debian/Ubuntu: sudo apt-get install -y kubectl from https://pkgs.k8s.io)',
  istioctl: (needs) => {
    const version = needs.istioVersions[0] ?? '1.28.3';
    return `install istioctl ${version}: curl -L https://istio.io/downloadIstio | ISTIO_VERSION=${version} sh - and put istio-${version}/bin on PATH`;
  },
  helm: () => 'install Helm: https://helm.sh/docs/intro/install/',
  k6: () => 'install k6 v0.57 or newer (it runs TypeScript): https://grafana.com/docs/k6/latest/set-up/install-k6/',
};

/** Judges the probed facts against the needs, one result per check, in a fixed order. */
export function judge(needs: Needs, facts: Facts): CheckResult[] {
  const results = needs.tools.map((need) => judgeTool(need, needs, facts));
  if (needs.target === 'kind') results.push(...daemonChecks(needs, facts.dockerDaemon));
  const { system } = facts;
  results.push(...(needs.requested ? requestChecks(needs.requested, system, facts.dockerDaemon) : [
    enough('cpu', system.cpus, needs.cpus, cpusText, 'available', 'use a machine with more CPUs: a starved node skews latency and cold starts'),
    enough('memory', system.freeMemoryBytes, needs.memoryBytes, gib, 'free', 'stop other workloads or give this machine more memory'),
  ]));
  results.push(enough('disk', system.freeDiskBytes, needs.diskBytes, gib, `free on ${system.diskPath}`, `free space on ${system.diskPath} (docker system prune removes unused images and stopped containers)`));
  return results;
}

const OPTIONAL_BECAUSE: Partial<Record<Tool, string>> = {
  helm: ' (optional: only for Helm-based installs)',
  istioctl: ' (needed only by Istio profiles)',
  k6: ' (optional: only for driver k6 with the local runner; in a cluster k6 runs from its image)',
  kubectl: ' (optional: meshbench talks to clusters through its own client; kubectl is for looking around)',
};

function judgeTool(need: ToolNeed, needs: Needs, facts: Facts): CheckResult {
  const name = need.tool;
  const probe = facts.tools[name] ?? { found: false };
  const absent: Status = need.required ? 'missing' : 'warning';
  if (!probe.found) {
    const why = need.required ? '' : OPTIONAL_BECAUSE[name] ?? '';
    return { name, status: absent, detail: `not found on PATH${why}`, fix: INSTALL[name](needs) };
  }
  if (probe.problem !== undefined || probe.version === undefined) {
    return { name, status: absent, detail: `found, but its version check failed: ${probe.problem ?? 'no version in its output'}`, fix: INSTALL[name](needs) };
  }
  if (name === 'docker') return judgeDocker(probe.version, facts.dockerDaemon, need.required);
  if (name === 'kind' && needs.kindVersion !== undefined && probe.version !== needs.kindVersion) {
    return {
      name,
      status: absent,
      detail: `${probe.version}; the profiles' node images are pinned for kind ${needs.kindVersion}, and one kind serves the whole run`,
      fix: INSTALL.kind(needs),
    };
  }
  if (name === 'istioctl' && needs.istioVersions.length > 0 && !needs.istioVersions.includes(probe.version)) {
    return {
      name,
      status: absent,
      detail: `${probe.version}; istioctl installs its own Istio release and the profiles pin ${needs.istioVersions.join(', ')}`,
      fix: INSTALL.istioctl(needs),
    };
  }
  if (name === 'kubectl' && needs.legacyIstioctl && minorOf(probe.version) > LEGACY_KUBECTL_MAX_MINOR) {
    return {
      name,
      status: absent,
      detail: `${probe.version}; istioctl 1.4 runs kubectl apply --prune and fails on any stderr, and kubectl ≥ 1.26 always warns about --prune there`,
      fix: INSTALL.kubectl(needs),
    };
  }
  return { name, status: 'ok', detail: probe.version };
}

// "v1.25.16" → 25; unreadable → Infinity (treated as too new).
function minorOf(version: string): number {
  const minor = /^v?1\.(\d+)\./.exec(version)?.[1];
  return minor === undefined ? Infinity : Number(minor);
}

const gib = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;
const cpusText = (n: number): string => (n === 1 ? '1 CPU' : `${+n.toFixed(2)} CPUs`);

/**
 * A kind node runs on the docker daemon's host with all of it allocatable (kind reserves nothing
 * for the kubelet; the daemon reports the host's NCPU and MemTotal, which on Docker Desktop is its
 * VM's): a pod whose request does not fit stays Pending, so requests beyond the CPUs or the memory
 * are missing; less than a CPU left over for the load itself, or requests beyond the memory free
 * here now, is a warning. Without the daemon's answer this machine stands in, and can only warn.
 */
function requestChecks(requested: Requested, system: Facts['system'], daemon: DockerDaemon | undefined): CheckResult[] {
  const cpu = requested.cpuMillicores / 1000;
  const cpus = daemon?.cpus ?? system.cpus;
  const total = daemon?.memoryBytes ?? system.totalMemoryBytes;
  const known = daemon?.cpus !== undefined;
  const where = known ? 'on the docker host' : 'here (the docker daemon did not say)';
  const why = `profile ${requested.profile}'s cluster requests`;
  const short: Status = known ? 'missing' : 'warning';
  const cpuCheck: CheckResult =
    cpus < cpu
      ? { name: 'cpu', status: short, detail: `${cpusText(cpus)} ${where}; ${why} ${cpusText(cpu)}: its pods would stay Pending`, fix: 'use a machine with more CPUs, or fewer cold-start services or k6 runners (see meshbench plan for what each profile requests)' }
      : cpus < cpu + HEADROOM_CPUS
        ? { name: 'cpu', status: 'warning', detail: `${cpusText(cpus)} ${where}; ${why} ${cpusText(cpu)}, leaving less than one CPU for the load itself`, fix: 'use a machine with more CPUs: a starved node skews latency and cold starts' }
        : { name: 'cpu', status: 'ok', detail: `${cpusText(cpus)} ${where}; ${why} ${cpusText(cpu)}` };
  const memoryCheck: CheckResult =
    total < requested.memoryBytes
      ? { name: 'memory', status: short, detail: `${gib(total)} in all; ${why} ${gib(requested.memoryBytes)}: its pods would stay Pending`, fix: 'use a machine with more memory' }
      : system.freeMemoryBytes < requested.memoryBytes
        ? { name: 'memory', status: 'warning', detail: `${gib(system.freeMemoryBytes)} free; ${why} ${gib(requested.memoryBytes)}`, fix: 'stop other workloads or give this machine more memory' }
        : { name: 'memory', status: 'ok', detail: `${gib(system.freeMemoryBytes)} free; ${why} ${gib(requested.memoryBytes)}` };
  return [cpuCheck, memoryCheck];
}

// Resources are estimates, so falling short is a warning, never a failure.
function enough(name: string, have: number, need: number, show: (n: number) => string, what: string, fix: string): CheckResult {
  const detail = `${show(have)} ${what}; needs ${show(need)}`;
  return have >= need ? { name, status: 'ok', detail } : { name, status: 'warning', detail, fix };
}

/** One line per check (`status  name  detail`), each failure followed by how to fix it. */
export function formatChecks(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.name.length));
  return results
    .flatMap((r) => [`${r.status.padEnd(8)} ${r.name.padEnd(width)}  ${r.detail}`, ...(r.fix && r.status !== 'ok' ? [`${' '.repeat(9 + width)}  fix: ${r.fix}`] : [])])
    .join('\n');
}

/** The names of the required checks that failed. */
export function failedChecks(results: CheckResult[]): string[] {
  return results.filter((r) => r.status === 'missing').map((r) => r.name);
}
