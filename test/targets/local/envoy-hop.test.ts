import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envoyBootstrap, findEnvoy } from '../../../src/targets/local/envoy.ts';
import { createLocalTarget } from '../../../src/targets/local/index.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { call, eventually, isAlive } from './support.ts';

const FAKE_ENVOY = fileURLToPath(new URL('../../fakes/fake-envoy.ts', import.meta.url));
const workload = { delay: 0, size: 1024, startupDelay: 0 };
const signal = new AbortController().signal;
const savedPath = process.env.PATH;
let dir: string;

/** Put an `envoy` shell script first on PATH. */
async function installEnvoy(script: string): Promise<string> {
  const bin = join(dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'envoy'), `#!/bin/sh\n${script}\n`);
  await chmod(join(bin, 'envoy'), 0o755);
  process.env.PATH = `${bin}:${savedPath}`;
  return join(bin, 'envoy');
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshbench-envoy-'));
});
afterEach(async () => {
  process.env.PATH = savedPath;
  await rm(dir, { recursive: true, force: true });
});

describe('envoy bootstrap', () => {
  const route = (config: ReturnType<typeof envoyBootstrap>) => JSON.parse(JSON.stringify(config)).static_resources;

  it("routes the listener to the workload cluster, without an access log (Istio's default sidecar writes none)", () => {
    const on = route(envoyBootstrap({ listenPort: 15001, upstreamPort: 8080, delayMs: 0 }));
    expect(on.listeners[0].address.socket_address).toEqual({ address: '127.0.0.1', port_value: 15001 });
    const hcm = on.listeners[0].filter_chains[0].filters[0].typed_config;
    expect(hcm['@type']).toBe('type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager');
    expect(hcm.route_config.virtual_hosts[0].routes[0].route.cluster).toBe('workload');
    expect(hcm.http_filters.map((f: { name: string }) => f.name)).toEqual(['envoy.filters.http.router']);
    expect(hcm.access_log).toBeUndefined();
    expect(on.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value).toBe(8080);

    const off = route(envoyBootstrap({ listenPort: 15001, upstreamPort: 8080, delayMs: 3 }));
    const offHcm = off.listeners[0].filter_chains[0].filters[0].typed_config;
    // The calibration delay is Envoy's fault filter, before the router.
    expect(offHcm.http_filters.map((f: { name: string }) => f.name)).toEqual(['envoy.filters.http.fault', 'envoy.filters.http.router']);
    expect(offHcm.http_filters[0].typed_config.delay.fixed_delay).toBe('0.003s');
  });
});

describe('sidecar hop selection', () => {
  it('uses envoy when one is on PATH, with the documented flags', async () => {
    const envoy = await installEnvoy(`exec "${process.execPath}" "${FAKE_ENVOY}" "$@"`);
    expect(findEnvoy()).toBe(envoy);
    const target = createLocalTarget({ runDir: dir });
    try {
      const session = await target.prepare(profileSchema.parse({ name: 'mesh', mesh: { type: 'istio-sidecar' } }), workload, signal);
      expect(session.notes).toContain(`proxy hop: envoy 1.31.2 (${envoy})`);
      // Istio's stats filter is not in upstream Envoy: the note says telemetry is not emulated.
      expect(session.notes).toContain("sidecar telemetry: not emulated: upstream Envoy has no Istio stats filter, so on and off run the same config (Envoy's own stats, no access log)");
      expect(session.dataPath).toEqual(['client', 'sidecar (envoy 1.31.2)', 'workload']);
      const answer = await call(session.url);
      expect(answer.status).toBe(200);
      expect(answer.headers['x-meshbench-hop']).toBe('workload, sidecar');
      const configPath = join(dir, 'mesh-envoy.json');
      const argv = JSON.parse(await readFile(`${configPath}.argv.json`, 'utf8'));
      expect(argv).toEqual(['-c', configPath, '--concurrency', '1', '--log-level', 'warn', '--disable-hot-restart']);
      const config = JSON.parse(await readFile(configPath, 'utf8'));
      const hcm = config.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
      expect(hcm.access_log).toBeUndefined();
      await session.close();
    } finally {
      await target.cleanup();
    }
  });

  it('fails prepare with envoy\'s stderr and stops the workload it had started', async () => {
    await installEnvoy(
      'if [ "$1" = "--version" ]; then echo "envoy  version: abc/1.31.2/Clean/RELEASE/BoringSSL"; exit 0; fi\n' +
        'sleep 1; echo "error initializing configuration: no luck" >&2; exit 1',
    );
    const target = createLocalTarget({ runDir: dir });
    const before = await workloadPids();
    const preparing = target.prepare(profileSchema.parse({ name: 'mesh', mesh: { type: 'istio-sidecar' } }), workload, signal);
    preparing.catch(() => {});
    let started: number[] = [];
    await eventually(async () => (started = (await workloadPids()).filter((pid) => !before.includes(pid))).length === 1);
    await expect(preparing).rejects.toThrow(/istio-proxy .*exited early.*no luck/s);
    expect(isAlive(started[0]!)).toBe(false);
    await target.cleanup();
  });
});

/** Pids of echo workloads running now, from /proc. */
async function workloadPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('workloads/echo/server.ts')) pids.push(Number(entry));
  }
  return pids;
}
