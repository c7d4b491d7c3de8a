// `meshbench doctor`, the pure half: what a target and its profiles need, how the probed facts
// measure up, and how the verdict reads. Probing (processes, os, statfs) lives in probe.ts.
import type { Profile, TargetName } from '../suite/schema.ts';

export type Tool = 'docker' | 'kind' | 'kubectl' | 'istioctl' | 'helm' | 'k6';

export interface ToolNeed {
  tool: Tool;
  /** A required tool that is missing fails doctor (exit 3); an optional one is a warning. */
  required: boolean;
}

export interface Needs {
  target: TargetName;
  tools: ToolNeed[];
  /** The kind release the profiles were pinned with (their node images are built for it). */
  kindVersion: string | undefined;
  /** Istio releases the profiles pin; istioctl installs its own version, so it should match. */
  istioVersions: string[];
  cpus: number;
  memoryBytes: number;
  diskBytes: number;
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
  dockerDaemon?: { running: boolean; version?: string; problem?: string };
  system: { cpus: number; freeMemoryBytes: number; freeDiskBytes: number; diskPath: string };
}

export type Status = 'ok' | 'missing' | 'warning';

export interface CheckResult {
  name: string;
  status: Status;
  detail: string;
  fix?: string;
}

const GiB = 1024 ** 3;

// The stated need, per profile: one kind node running plain Kubernetes wants 2 CPUs, 4 GiB and
// 10 GiB of disk (node image, etcd, the workload and k6 images); Istio (istiod, ingress gateway,
// sidecars) and Knative (controller, activator, autoscaler, Kourier) each add 1 CPU and 2 GiB.
// Profiles are measured one at a time, so CPU and memory take the largest profile; every kind
// cluster keeps its node container on disk, so disk adds 3 GiB per further profile.
const KIND_BASE = { cpus: 2, memory: 4 * GiB, disk: 10 * GiB };
const PER_COMPONENT = { cpus: 1, memory: 2 * GiB };
const DISK_PER_EXTRA_CLUSTER = 3 * GiB;
const LOCAL = { cpus: 2, memory: 1 * GiB, disk: 1 * GiB };

const usesIstio = (profile: Profile): boolean => profile.mesh.type !== 'none' || profile.serving.ingress === 'istio';

/**
 * What the target and profiles need; no profiles (no suite) means "any kind profile". `k6Local`:
 * some load cell runs the k6 binary here (otherwise k6 is reported, not required: in a cluster
 * it runs from its image).
 */
export function needsOf(target: TargetName, profiles: Profile[], options: { k6Local?: boolean; install?: boolean } = {}): Needs {
  const k6: ToolNeed = { tool: 'k6', required: options.k6Local === true };
  const istio = profiles.some(usesIstio);
  const istioVersions = [...new Set(profiles.filter(usesIstio).flatMap((p) => (p.mesh.version ? [p.mesh.version] : [])))];
  const kindVersion = profiles.find((p) => p.kubernetes?.kindVersion)?.kubernetes?.kindVersion;
  // Without a suite we cannot know whether Istio is used: report istioctl and helm, require neither.
  const istioTools: ToolNeed[] = [
    { tool: 'istioctl', required: istio },
    { tool: 'helm', required: false },
  ];
  if (target === 'local') {
    return { target, tools: [k6], kindVersion, istioVersions, cpus: LOCAL.cpus, memoryBytes: LOCAL.memory, diskBytes: LOCAL.disk };
  }
  if (target === 'existing') {
    // The cluster is someone else's: only the clients are needed here, and room for the reports.
    // istioctl only installs: without --install the existing cluster's Istio is only checked.
    const existingIstio = istioTools.map((need) => (need.tool === 'istioctl' ? { ...need, required: need.required && options.install === true } : need));
    return { target, tools: [{ tool: 'kubectl', required: false }, ...existingIstio, k6], kindVersion, istioVersions, cpus: 1, memoryBytes: 1 * GiB, diskBytes: 1 * GiB };
  }
  const components = (p: Profile) => (usesIstio(p) ? 1 : 0) + (p.serving.type === 'knative' ? 1 : 0);
  const most = Math.max(0, ...profiles.map(components));
  return {
    target,
    tools: [{ tool: 'docker', required: true }, { tool: 'kind', required: true }, { tool: 'kubectl', required: false }, ...istioTools, k6],
    kindVersion,
    istioVersions,
    cpus: KIND_BASE.cpus + most * PER_COMPONENT.cpus,
    memoryBytes: KIND_BASE.memory + most * PER_COMPONENT.memory,
    diskBytes: KIND_BASE.disk + Math.max(0, profiles.length - 1) * DISK_PER_EXTRA_CLUSTER,
  };
}

const INSTALL: Record<Tool, (needs: Needs) => string> = {
  docker: () => 'install Docker Engine: https://docs.docker.com/engine/install/ (Debian/Ubuntu: sudo apt-get install -y docker.io)',
  kind: (needs) => {
    const version = needs.kindVersion ?? 'v0.30.0';
    return `install kind ${version}: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (go install sigs.k8s.io/kind@${version}, or curl -Lo ./kind https://kind.sigs.k8s.io/dl/${version}/kind-linux-amd64 && chmod +x ./kind && sudo mv ./kind /usr/local/bin/kind)`;
  },
  kubectl: () => 'install kubectl: https://kubernetes.io/docs/tasks/tools/ (Debian/Ubuntu: sudo apt-get install -y kubectl from https://pkgs.k8s.io)',
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
  const { system } = facts;
  results.push(
    enough('cpu', system.cpus, needs.cpus, (n) => (n === 1 ? '1 CPU' : `${n} CPUs`), 'available', 'use a machine with more CPUs: a starved node skews latency and cold starts'),
    enough('memory', system.freeMemoryBytes, needs.memoryBytes, gib, 'free', 'stop other workloads or give this machine more memory'),
    enough('disk', system.freeDiskBytes, needs.diskBytes, gib, `free on ${system.diskPath}`, `free space on ${system.diskPath} (docker system prune removes unused images and stopped containers)`),
  );
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
  if (name === 'docker') return judgeDaemon(probe.version, facts.dockerDaemon, need.required);
  if (name === 'kind' && needs.kindVersion !== undefined && probe.version !== needs.kindVersion) {
    return {
      name,
      status: 'warning',
      detail: `${probe.version}; the profiles' node images were pinned for kind ${needs.kindVersion}`,
      fix: INSTALL.kind(needs),
    };
  }
  if (name === 'istioctl' && needs.istioVersions.length > 0 && !needs.istioVersions.includes(probe.version)) {
    return {
      name,
      status: 'warning',
      detail: `${probe.version}; istioctl installs its own Istio release and the profiles pin ${needs.istioVersions.join(', ')}`,
      fix: INSTALL.istioctl(needs),
    };
  }
  return { name, status: 'ok', detail: probe.version };
}

function judgeDaemon(client: string, daemon: Facts['dockerDaemon'], required: boolean): CheckResult {
  if (daemon?.running) return { name: 'docker', status: 'ok', detail: `client ${client}, daemon ${daemon.version ?? 'running'}` };
  const problem = daemon?.problem ?? 'docker info failed';
  const fix = /permission denied/i.test(problem)
    ? 'let your user reach the daemon: sudo usermod -aG docker $USER, then log in again'
    : 'start the Docker daemon: sudo systemctl start docker (or sudo service docker start; on macOS/Windows start Docker Desktop), then check with docker info';
  return { name: 'docker', status: required ? 'missing' : 'warning', detail: `client ${client}, but the daemon is not running: ${problem}`, fix };
}

const gib = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;

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
