// Issue 8: images reach a kind node on current Docker. Docker ≥ 29 keeps a multi-arch image's whole
// index in its containerd store but pulls one platform, so `kind load docker-image` (plain docker
// save, ctr import --all-platforms) fails (kubernetes-sigs/kind#3795); the steps a run executes
// save one platform (docker save --platform) and load that archive. All against the fake docker
// and kind, which model both stores.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner, RunError, type Runner } from '../../../src/exec/runner.ts';
import { profileSchema } from '../../../src/suite/schema.ts';
import { runSteps } from '../../../src/targets/cluster/run-steps.ts';
import { imageSteps, saveImageArgs } from '../../../src/targets/kind/images.ts';
import { fakePath, type FakePath } from '../../fakes/fake-path.ts';

const IMAGE = 'fortio/fortio:1.69.5';
const CLUSTER = 'meshbench-baseline';
const baseline = profileSchema.parse({ name: 'baseline' });
const workload = { delay: 0, size: 1024, startupDelay: 0 };
// kind's main.go wraps the failed node command; ctr names the missing platform's manifest digest.
const CTR_FAILURE = new RegExp(
  `^ERROR: failed to load image: command "docker exec --privileged -i ${CLUSTER}-control-plane ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -" failed with error: exit status 1\\nCommand Output: ctr: content digest sha256:[0-9a-f]{64}: not found$`,
  'm',
);

let fakes: FakePath | undefined;
afterEach(async () => {
  await fakes?.cleanup();
  fakes = undefined;
});

async function world(env: Record<string, string> = {}): Promise<Runner> {
  fakes = await fakePath({ env });
  const real = execaRunner();
  const runner: Runner = { run: (cmd, args, options) => real.run(cmd, args, { ...options, env: fakes!.env }) };
  await runner.run('kind', ['create', 'cluster', '--name', CLUSTER]);
  return runner;
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('it succeeded'), (error: unknown) => error as RunError);

/** Runs what `plan` prints and `run` executes for the profile's images. */
function loadLikeARun(runner: Runner, platform = 'linux/amd64'): Promise<void> {
  const steps = imageSteps(baseline, workload, { workDir: join(fakes!.dir, 'run'), platform });
  const never = () => expect.unreachable('no cluster API call while loading images');
  return runSteps(steps, { runner, kube: never, fetchRelease: never, log: () => {} }, new AbortController().signal);
}

async function loadedInto(cluster: string): Promise<string[]> {
  return (JSON.parse(await readFile(join(fakes!.dir, 'kind-images.json'), 'utf8')) as Record<string, string[]>)[cluster] ?? [];
}

describe('loading images into kind on Docker 29 (containerd image store)', () => {
  it('kind load docker-image of a multi-arch image fails with ctr\'s "content digest … not found"', async () => {
    const runner = await world();
    await runner.run('docker', ['pull', IMAGE]);
    const error = await failure(runner.run('kind', ['load', 'docker-image', IMAGE, '--name', CLUSTER]));
    expect(error.exitCode).toBe(1);
    expect(error.stderr).toMatch(CTR_FAILURE);
    // kind saved it itself, with no --platform.
    const saves = (await fakes!.calls()).filter((call) => call.tool === 'docker' && call.argv[0] === 'save');
    expect(saves.map((call) => call.argv.slice(0, 2).concat(call.argv.slice(3)))).toEqual([['save', '-o', IMAGE]]);
  });

  it('the run\'s steps — docker save --platform, kind load image-archive — put it in the node', async () => {
    const runner = await world();
    await loadLikeARun(runner);
    expect(await loadedInto(CLUSTER)).toEqual([IMAGE]);
    const archive = join(fakes!.dir, 'run', 'images', 'fortio_fortio_1.69.5.tar');
    expect((await fakes!.calls()).map((call) => `${call.tool} ${call.argv.join(' ')}`).slice(1)).toEqual([
      `docker pull ${IMAGE}`,
      `docker save --platform linux/amd64 -o ${archive} ${IMAGE}`,
      `kind load image-archive ${archive} --name ${CLUSTER}`,
    ]);
  });

  it('a platform the daemon did not pull cannot be saved: the run uses the daemon\'s, not the host\'s', async () => {
    const runner = await world({ FAKE_DOCKER_ARCH: 'x86_64' });
    const error = await failure(loadLikeARun(runner, 'linux/arm64'));
    expect(error.stderr).toContain(`Error response from daemon: no suitable export target found: image with reference ${IMAGE} was found but does not provide the specified platform (linux/arm64)`);
  });

  it('kind load image-archive needs a file: kind v0.30.0 stats the path, so stdin ("-") is not one', async () => {
    const runner = await world();
    const error = await failure(runner.run('kind', ['load', 'image-archive', '-', '--name', CLUSTER]));
    expect(error.stderr).toContain('ERROR: stat -: no such file or directory');
  });
});

describe('loading images on other Docker and kind releases', () => {
  it('Docker 28 with the classic store: even kind load docker-image works (one platform is all the store holds)', async () => {
    const runner = await world({ FAKE_DOCKER_VERSION: '28.2.2' });
    await runner.run('docker', ['pull', IMAGE]);
    await runner.run('kind', ['load', 'docker-image', IMAGE, '--name', CLUSTER]);
    expect(await loadedInto(CLUSTER)).toEqual([IMAGE]);
  });

  it('Docker 28 with the containerd store turned on fails like 29, and the run\'s steps work', async () => {
    const runner = await world({ FAKE_DOCKER_VERSION: '28.3.3', FAKE_DOCKER_STORE: 'containerd' });
    await runner.run('docker', ['pull', IMAGE]);
    expect((await failure(runner.run('kind', ['load', 'docker-image', IMAGE, '--name', CLUSTER]))).stderr).toMatch(CTR_FAILURE);
    await loadLikeARun(runner);
    expect(await loadedInto(CLUSTER)).toEqual([IMAGE]);
  });

  it('Docker 27 has no docker save --platform: the CLI refuses the flag (exit 125)', async () => {
    const runner = await world({ FAKE_DOCKER_VERSION: '27.5.1' });
    const error = await failure(loadLikeARun(runner));
    expect(error.exitCode).toBe(125);
    expect(error.stderr).toBe("unknown flag: --platform\nSee 'docker save --help'.");
  });

  it('kind v0.11.1 (no --all-platforms yet) imports only the node\'s platform, so both paths work there', async () => {
    const runner = await world({ FAKE_KIND_VERSION: 'v0.11.1' });
    await runner.run('docker', ['pull', IMAGE]);
    await runner.run('kind', ['load', 'docker-image', IMAGE, '--name', CLUSTER]);
    await loadLikeARun(runner);
    expect(await loadedInto(CLUSTER)).toEqual([IMAGE]);
  });

  it('an image referenced by digest is refused before anything runs: saved by digest, it keeps no name', () => {
    expect(() => saveImageArgs('grafana/k6@sha256:0123abcd', 'linux/amd64', '/tmp/k6.tar')).toThrow(
      'cannot load grafana/k6@sha256:0123abcd into a kind cluster: an image saved by digest (@sha256:…) keeps no name; reference the image by tag',
    );
  });
});
