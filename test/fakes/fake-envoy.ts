// A fake `envoy` for tests (run through a shell wrapper placed first on PATH). It records its argv
// next to its config (<config>.argv.json), learns the listen and upstream ports from the static
// bootstrap, and proxies with meshbench's built-in proxy hop. `--version` answers like Envoy.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PROXY_SERVER = fileURLToPath(new URL('../../src/targets/local/proxy-server.ts', import.meta.url));
const argv = process.argv.slice(2);

if (argv.includes('--version')) {
  console.log('\nenvoy  version: 5d6a4e0f3d8b1b7c2a1e9f0c4b3a2d1e0f9a8b7c/1.31.2/Clean/RELEASE/BoringSSL\n');
  process.exit(0);
}

const configPath = argv[argv.indexOf('-c') + 1]!;
writeFileSync(`${configPath}.argv.json`, JSON.stringify(argv));
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const listener = config.static_resources.listeners[0];
const cluster = config.static_resources.clusters[0];
const hcm = listener.filter_chains[0].filters[0].typed_config;
const fault = hcm.http_filters.find((filter: { name: string }) => filter.name === 'envoy.filters.http.fault');
if (hcm.access_log) throw new Error('fake envoy: meshbench configures no access log');

const proxy = spawn(
  process.execPath,
  [
    PROXY_SERVER,
    '--port', String(listener.address.socket_address.port_value),
    '--upstream', `http://127.0.0.1:${cluster.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value}`,
    '--delay', fault ? `${parseFloat(fault.typed_config.delay.fixed_delay) * 1000}ms` : '0ms',
    // Envoy keeps its own per-request stats whatever the config: the HTTP connection manager's and
    // each upstream cluster's counters and histograms (envoy docs/root/configuration/http/http_conn_man/stats.rst,
    // docs/root/configuration/upstream/cluster_manager/cluster_stats.rst).
    '--telemetry', 'on',
  ],
  { stdio: ['pipe', 'ignore', 'inherit'] },
);
// Like envoy, we ignore stdin; SIGTERM stops us (and our proxy exits when our pipe to it closes).
process.on('SIGTERM', () => process.exit(0));
proxy.on('exit', (code) => process.exit(code ?? 1));
