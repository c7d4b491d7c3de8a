// The sidecar hop as real Envoy, used when an `envoy` binary is on PATH: a static bootstrap
// (listener → HTTP connection manager → router → one STATIC cluster) written as JSON, which
// Envoy reads by the file extension. The calibration delay uses Envoy's own fault filter. No access
// log: Istio's default sidecar writes none.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { reservePort } from './processes.ts';
import type { Child, ChildSpec } from './processes.ts';

export interface EnvoyHop {
  listenPort: number;
  upstreamPort: number;
  /** Fixed delay added to every request (the profile's emulation.proxyDelay), milliseconds. */
  delayMs: number;
}

/** The envoy executable on PATH, or undefined. */
export function findEnvoy(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'envoy');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** "1.31.2" from `envoy --version` ("envoy  version: <sha>/1.31.2/Clean/RELEASE/BoringSSL"). */
export async function envoyVersion(bin: string): Promise<string> {
  const { stdout } = await promisify(execFile)(bin, ['--version'], { timeout: 10_000 });
  return /version: [^/\s]+\/(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? stdout.trim();
}

const typed = (name: string) => `type.googleapis.com/envoy.extensions.${name}`;

export function envoyBootstrap(hop: EnvoyHop): Record<string, unknown> {
  const httpFilters: unknown[] = [];
  if (hop.delayMs > 0) {
    httpFilters.push({
      name: 'envoy.filters.http.fault',
      typed_config: {
        '@type': typed('filters.http.fault.v3.HTTPFault'),
        delay: { fixed_delay: `${hop.delayMs / 1000}s`, percentage: { numerator: 100, denominator: 'HUNDRED' } },
      },
    });
  }
  httpFilters.push({ name: 'envoy.filters.http.router', typed_config: { '@type': typed('filters.http.router.v3.Router') } });
  const connectionManager: Record<string, unknown> = {
    '@type': typed('filters.network.http_connection_manager.v3.HttpConnectionManager'),
    stat_prefix: 'sidecar',
    codec_type: 'AUTO',
    route_config: {
      name: 'local',
      response_headers_to_add: [
        { header: { key: 'x-meshbench-hop', value: 'sidecar' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
      ],
      virtual_hosts: [
        // timeout 0s: no 15 s route timeout, the workload's own delay decides.
        { name: 'workload', domains: ['*'], routes: [{ match: { prefix: '/' }, route: { cluster: 'workload', timeout: '0s' } }] },
      ],
    },
    http_filters: httpFilters,
  };
  return {
    static_resources: {
      listeners: [
        {
          name: 'sidecar',
          address: { socket_address: { address: '127.0.0.1', port_value: hop.listenPort } },
          filter_chains: [{ filters: [{ name: 'envoy.filters.network.http_connection_manager', typed_config: connectionManager }] }],
        },
      ],
      clusters: [
        {
          name: 'workload',
          type: 'STATIC',
          connect_timeout: '1s',
          load_assignment: {
            cluster_name: 'workload',
            endpoints: [
              { lb_endpoints: [{ endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: hop.upstreamPort } } } }] },
            ],
          },
        },
      ],
    },
  };
}

/** Write the bootstrap next to the run's other files and start envoy; ready when its port accepts. */
export async function startEnvoy(
  bin: string,
  options: Omit<EnvoyHop, 'listenPort'> & {
    configPath: string;
    signal: AbortSignal;
    /** The target's registering start, so cleanup() stops envoy too. */
    start: (spec: ChildSpec) => Promise<Child>;
  },
): Promise<Child> {
  const listenPort = await reservePort();
  const { upstreamPort, delayMs } = options;
  await writeFile(options.configPath, JSON.stringify(envoyBootstrap({ listenPort, upstreamPort, delayMs }), null, 2));
  return options.start({
    name: 'istio-proxy',
    command: bin,
    args: ['-c', options.configPath, '--concurrency', '1', '--log-level', 'warn', '--disable-hot-restart'],
    ready: { tcpPort: listenPort },
    signal: options.signal,
  });
}
