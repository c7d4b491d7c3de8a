// `meshbench doctor`, the effectful half: asks each tool for its version through the Runner,
// asks docker's daemon for its facts (one docker info), and reads CPUs, free memory and free disk
// from the OS.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { availableParallelism, freemem, totalmem } from 'node:os';
import { RunError, type Runner } from '../exec/runner.ts';
import type { Facts, Needs, Tool, ToolProbe } from './checks.ts';
import { readDockerInfo } from './docker-info.ts';

// Each tool's cheapest version command (none of them contacts a cluster) and how to read it.
const VERSION: Record<Tool, { args: string[]; pattern: RegExp }> = {
  docker: { args: ['--version'], pattern: /Docker version ([^,\s]+)/ }, // Docker version 28.2.2, build e6534b4
  kind: { args: ['version'], pattern: /kind (v\S+)/ }, // kind v0.30.0 go1.24.6 linux/amd64
  // Client Version: v1.34.0 from 1.28 on; before, Client Version: version.Info{…, GitVersion:"v1.17.17", …}
  // (kubernetes/kubectl pkg/cmd/version/version.go).
  kubectl: { args: ['version', '--client'], pattern: /(?:Client Version: |GitVersion:")(v\d+\.\d+\.\d+[^"\s]*)/ },
  istioctl: { args: ['version', '--remote=false'], pattern: /(\d+\.\d+\.\d+\S*)/ }, // 1.28.3
  helm: { args: ['version', '--short'], pattern: /(v\d+\.\d+\.\d+)/ }, // v3.19.0+g3d8990f
  k6: { args: ['version'], pattern: /^k6 (v\d+\.\d+\.\d+\S*)/m }, // k6 v1.3.0 (commit/5870e99ae8, go1.25.1, linux/amd64)
};

// docker info can hang on an unreachable DOCKER_HOST; doctor must answer promptly regardless.
const TIMEOUT_MS = 15_000;

export async function probe(runner: Runner, needs: Needs, cwd: string): Promise<Facts> {
  const tools = await Promise.all(needs.tools.map(async ({ tool }) => [tool, await probeTool(runner, tool)] as const));
  const docker = tools.find(([tool]) => tool === 'docker')?.[1];
  return {
    tools: Object.fromEntries(tools),
    ...(docker?.found && docker.version !== undefined ? { dockerDaemon: await probeDaemon(runner) } : {}),
    system: await probeSystem(needs.target === 'kind' ? dockerDataRoot() : cwd),
  };
}

async function probeTool(runner: Runner, tool: Tool): Promise<ToolProbe> {
  const { args, pattern } = VERSION[tool];
  try {
    const { stdout } = await runner.run(tool, args, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const version = pattern.exec(stdout)?.[1];
    return version === undefined ? { found: true } : { found: true, version };
  } catch (error) {
    if (!(error instanceof RunError)) throw error;
    return error.notFound ? { found: false } : { found: true, problem: firstLine(error) };
  }
}

async function probeDaemon(runner: Runner): Promise<NonNullable<Facts['dockerDaemon']>> {
  try {
    const { stdout } = await runner.run('docker', ['info', '--format', '{{json .}}'], { signal: AbortSignal.timeout(TIMEOUT_MS) });
    return readDockerInfo(stdout);
  } catch (error) {
    if (!(error instanceof RunError)) throw error;
    return { running: false, problem: firstLine(error) };
  }
}

function firstLine(error: RunError): string {
  return error.stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? error.message.split('\n')[0]!;
}

// kind's nodes, images and volumes live in docker's data root; without a daemon we cannot ask
// `docker info` for it, so use the default when it exists and the root filesystem otherwise.
function dockerDataRoot(): string {
  return existsSync('/var/lib/docker') ? '/var/lib/docker' : '/';
}

async function probeSystem(diskPath: string): Promise<Facts['system']> {
  const disk = await statfs(diskPath);
  return { cpus: availableParallelism(), totalMemoryBytes: totalmem(), freeMemoryBytes: freemem(), freeDiskBytes: disk.bavail * disk.bsize, diskPath };
}
