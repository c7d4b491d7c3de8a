import { afterEach, describe, expect, it } from 'vitest';
import { execaRunner, prettyCommand, RunError, shellQuote } from '../../src/exec/runner.ts';
import { RecordingRunner } from '../fakes/recording-runner.ts';
import { fakePath, type FakePath } from '../fakes/fake-path.ts';

let fakes: FakePath | undefined;
afterEach(async () => {
  await fakes?.cleanup();
  fakes = undefined;
});

describe('prettyCommand', () => {
  it('leaves plain arguments bare and single-quotes the rest so a shell gets the same argv', () => {
    expect(prettyCommand('kind', ['create', 'cluster', '--name', 'meshbench-baseline', '--wait', '5m'])).toBe(
      'kind create cluster --name meshbench-baseline --wait 5m',
    );
    expect(prettyCommand('docker', ['info', '--format', '{{.ServerVersion}}'])).toBe("docker info --format '{{.ServerVersion}}'");
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('kindest/node:v1.34.0@sha256:7416a61b')).toBe('kindest/node:v1.34.0@sha256:7416a61b');
  });
});

describe('execaRunner', () => {
  it('runs the argv as given (no shell) and returns stdout and stderr', async () => {
    fakes = await fakePath();
    const output = await execaRunner().run('kind', ['get', 'clusters'], { env: fakes.env });
    expect(output).toEqual({ stdout: '', stderr: 'No kind clusters found.' });
    expect(await fakes.calls()).toEqual([{ tool: 'kind', argv: ['get', 'clusters'] }]);
  });

  it('wraps a non-zero exit into a RunError with argv, output, exit code and a pasteable command', async () => {
    fakes = await fakePath({ env: { FAKE_DOCKER_DAEMON: 'down' } });
    const error = await execaRunner()
      .run('docker', ['info', '--format', '{{.ServerVersion}}'], { env: fakes.env })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RunError);
    const failure = error as RunError;
    expect(failure.message).toBe(
      `command "docker info --format '{{.ServerVersion}}'" failed with exit code 1\n` +
        '    Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    );
    expect(failure.prettyCommand()).toBe("docker info --format '{{.ServerVersion}}'");
    expect(failure).toMatchObject({ command: 'docker', args: ['info', '--format', '{{.ServerVersion}}'], exitCode: 1, stdout: '', notFound: false });
  });

  it('reports a missing executable the way Go tools do, with no exit code', async () => {
    fakes = await fakePath({ tools: [] });
    const error = (await execaRunner()
      .run('kind', ['version'], { env: fakes.env })
      .catch((caught: unknown) => caught)) as RunError;
    expect(error.message).toBe('command "kind version" failed: exec: "kind": executable file not found in $PATH');
    expect(error.notFound).toBe(true);
    expect(error.exitCode).toBeUndefined();
  });

  it('passes input on stdin', async () => {
    const output = await execaRunner().run(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'kind: Cluster\n' });
    expect(output.stdout).toBe('kind: Cluster');
  });
});

describe('RecordingRunner', () => {
  it('records commands instead of running them and answers with what it is told', async () => {
    const runner = new RecordingRunner((cmd) => ({ stdout: cmd === 'kind' ? 'meshbench-baseline\n' : '', stderr: '' }));
    expect(await runner.run('kind', ['get', 'clusters'])).toEqual({ stdout: 'meshbench-baseline\n', stderr: '' });
    await runner.run('kubectl', ['apply', '-f', '-'], { input: 'kind: Namespace' });
    expect(runner.commands).toEqual([
      { cmd: 'kind', args: ['get', 'clusters'] },
      { cmd: 'kubectl', args: ['apply', '-f', '-'], input: 'kind: Namespace' },
    ]);
    expect(runner.lines()).toEqual(['kind get clusters', 'kubectl apply -f -']);
  });
});
