import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meshbench } from './cli.ts';

// file:line:column: key: message — the first line of each problem printed by the CLI.
const cases = [
  { file: 'wrong-type.yaml', at: ':11:18: experiments[0].repetitions:', says: /number/ },
  { file: 'unknown-key.yaml', at: ':11:5: experiments[0].repetiton:', says: /repetitions/ },
  { file: 'missing-profile.yaml', at: ':7:5: profiles[1]:', says: /istio-ambient-waypoint\.yaml/ },
  { file: 'bad-duration.yaml', at: ':10:15: experiments[0].duration:', says: /"30s"/ },
  { file: 'k6-under-a-second.yaml', at: ':11:13: experiments[0].warmup:', says: /k6 refuses executor durations under 1s/ },
  // Issue 9.13: Istio 1.4 accepts STRICT, which would refuse the load sent from outside the mesh.
  { file: 'strict-mtls.yaml', at: ':11:13: profiles[0].mesh.mtls:', says: /got strict, which would refuse meshbench's load/ },
  // Issue 12.5: the local emulation's injected proxy cost means nothing on a cluster.
  { file: 'proxy-delay-on-kind.yaml', at: ':10:7: profiles[0].emulation.proxyDelay:', says: /expected no emulation on the kind target/ },
];

describe('meshbench validate on a broken suite', () => {
  it.each(cases)('$file: names file, line and key, exit 2', async ({ file, at, says }) => {
    const result = await meshbench(['validate', `test/fixtures/suites/${file}`]);
    expect(result.exitCode).toBe(2);
    const line = String(result.stderr)
      .split('\n')
      .find((text) => text.includes(at));
    expect(line, String(result.stderr)).toBeDefined();
    expect(line).toContain(`test/fixtures/suites/${file}`);
    expect(line).toMatch(says);
    expect(result.stdout).toBe('');
  });

  it('bad-duration.yaml reports both bad durations at once', async () => {
    const result = await meshbench(['validate', 'test/fixtures/suites/bad-duration.yaml']);
    expect(String(result.stderr)).toContain('experiments[1].duration');
  });

  it('a good suite validates with exit 0 and a one-line summary', async () => {
    const result = await meshbench(['validate', 'scenarios/quickstart.yaml']);
    expect(result.exitCode, String(result.stderr)).toBe(0);
    expect(result.stdout).toMatch(/scenarios\/quickstart\.yaml: ok — 3 profiles, 2 experiments, \d+ cells/);
  });

  it('an unknown flag is a usage error, exit 2', async () => {
    const result = await meshbench(['validate', '--frobnicate', 'scenarios/quickstart.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/unknown option/);
  });
});

describe('meshbench run scenarios/quickstart.yaml --target kind', () => {
  // Issue 9.4: its gracePeriod is the local emulation's; on a cluster the grace period is
  // config-autoscaler's, so the run stops before anything starts instead of reporting 0.5s.
  it("refuses the experiment's gracePeriod at its line, exit 2, before any tool is looked for", async () => {
    const out = join(tmpdir(), `meshbench-never-created-${process.pid}-kind`);
    const result = await meshbench(['run', 'scenarios/quickstart.yaml', '--target', 'kind', '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(String(result.stderr)).toMatch(/scenarios\/quickstart\.yaml:\d+:\d+: experiments\[1\]\.gracePeriod: expected no gracePeriod on the kind target/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('meshbench run --target local with a profile the emulation cannot run', () => {
  it('stops before anything starts, exit 2, naming the profile', async () => {
    const out = join(tmpdir(), `meshbench-never-created-${process.pid}`);
    const result = await meshbench(['run', 'scenarios/all-profiles.yaml', '--target', 'local', '--out', out]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/local target cannot run these profiles[\s\S]*istio-ambient: istio-ambient/);
    expect(existsSync(out)).toBe(false);
  });
});
