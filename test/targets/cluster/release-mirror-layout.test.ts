// Issue 9.13: the ingresses are released under github.com/knative-extensions, Serving under
// github.com/knative; a --release-mirror keeps one layout for both, <repo>/releases/download/…,
// and anything else is fetched as is.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { releaseFetcher } from '../../../src/targets/cluster/run-steps.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'meshbench-mirror-'));
  for (const [repo, file] of [['serving', 'serving-core.yaml'], ['net-kourier', 'kourier.yaml'], ['net-istio', 'net-istio.yaml']] as const) {
    await mkdir(join(dir, repo, 'releases/download/knative-v1.19.5'), { recursive: true });
    await writeFile(join(dir, repo, 'releases/download/knative-v1.19.5', file), `# ${repo}\n`);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('reads serving and both ingresses from <mirror>/<repo>/releases/download/knative-v<version>/<file>', async () => {
  const fetch = releaseFetcher(dir);
  expect(await fetch('https://github.com/knative/serving/releases/download/knative-v1.19.5/serving-core.yaml')).toBe('# serving\n');
  expect(await fetch('https://github.com/knative-extensions/net-kourier/releases/download/knative-v1.19.5/kourier.yaml')).toBe('# net-kourier\n');
  expect(await fetch('https://github.com/knative-extensions/net-istio/releases/download/knative-v1.19.5/net-istio.yaml')).toBe('# net-istio\n');
});

