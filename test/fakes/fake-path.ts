// Puts fake kind/docker/kubectl/istioctl/helm/k6 first on PATH for a child process. Each fake is a
// /bin/sh wrapper that runs test/fakes/bin/<tool>.ts on the Node running the tests (its absolute
// path is baked in, so nothing depends on which `node` the PATH finds). Every call is logged as
// one JSON line; behaviours are chosen with env vars (see test/fakes/bin/*.ts):
//   FAKE_DOCKER_DAEMON=down   docker client present, daemon not running
//   FAKE_DOCKER_VERSION, FAKE_DOCKER_STORE, FAKE_DOCKER_CGROUP, FAKE_DOCKER_ARCH   the docker daemon
//   FAKE_KIND_FAIL_ON=create  that kind subcommand fails like the real tool
//   FAKE_KIND_VERSION, FAKE_ISTIOCTL_VERSION, FAKE_KUBECTL_VERSION   the other tools' releases
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Call } from './bin/common.ts';

export type { Call };
export type FakeTool = 'kind' | 'docker' | 'kubectl' | 'istioctl' | 'helm' | 'k6';
// The cluster tools; k6 is asked for by name (tools: ['k6']), so no other test finds one by chance.
export const ALL_TOOLS: FakeTool[] = ['kind', 'docker', 'kubectl', 'istioctl', 'helm'];

export interface FakePath {
  dir: string;
  /** Env for the child: PATH (the fakes only, unless inheritPath), the log, state and behaviours. */
  env: Record<string, string>;
  /** Every call so far, in order. */
  calls(): Promise<Call[]>;
  cleanup(): Promise<void>;
}

export async function fakePath(
  options: { tools?: FakeTool[]; env?: Record<string, string>; inheritPath?: boolean } = {},
): Promise<FakePath> {
  const dir = await mkdtemp(join(tmpdir(), 'meshbench-fakes-'));
  for (const tool of options.tools ?? ALL_TOOLS) {
    const script = fileURLToPath(new URL(`./bin/${tool}.ts`, import.meta.url));
    const wrapper = join(dir, tool);
    await writeFile(wrapper, `#!/bin/sh\nexec ${shQuote(process.execPath)} ${shQuote(script)} "$@"\n`);
    await chmod(wrapper, 0o755);
  }
  const log = join(dir, 'calls.jsonl');
  await writeFile(log, '');
  // Without inheritPath the fakes are all there is, so a real tool can never answer instead.
  const path = options.inheritPath ? `${dir}:${process.env.PATH ?? ''}` : dir;
  return {
    dir,
    env: { ...options.env, PATH: path, FAKE_LOG: log, FAKE_STATE_DIR: dir },
    async calls() {
      const text = await readFile(log, 'utf8');
      return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Call);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
