import { expect, test } from 'vitest';
import { startFakeKubeApi } from './kube-api-server.ts';
import { selects } from './kube-store.ts';

test('label selectors follow the API server syntax', () => {
  const labels = { app: 'echo', tier: 'web' };
  expect(selects('app=echo,tier==web', labels)).toBe(true);
  expect(selects('app!=echo', labels)).toBe(false);
  expect(selects('app in (echo, other),!missing', labels)).toBe(true);
  expect(selects('tier notin (web)', labels)).toBe(false);
  expect(selects('missing', labels)).toBe(false);
});

test('a watch without a resourceVersion starts with the current state, then streams changes', async () => {
  const fake = await startFakeKubeApi();
  try {
    const response = await fetch(`${fake.url}/api/v1/namespaces?watch=true`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    fake.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'meshbench-bench' } });
    let text = '';
    while (text.split('\n').length < 4) text += (await reader.read()).value ?? '';
    const lines = text.trim().split('\n').map((line) => JSON.parse(line) as { type: string; object: { metadata: { name: string } } });
    expect(lines.map((line) => [line.type, line.object.metadata.name])).toEqual([
      ['ADDED', 'default'],
      ['ADDED', 'kube-system'],
      ['ADDED', 'meshbench-bench'],
    ]);
    await reader.cancel();
  } finally {
    await fake.close();
  }
});

test('a watch with timeoutSeconds ends cleanly then, with no ERROR event; one without stays open', async () => {
  const fake = await startFakeKubeApi();
  try {
    const from = String(fake.store.resourceVersion);
    const open = await fetch(`${fake.url}/api/v1/namespaces?watch=true&resourceVersion=${from}`);
    const started = performance.now();
    const timed = await fetch(`${fake.url}/api/v1/namespaces?watch=true&resourceVersion=${from}&timeoutSeconds=1`);
    expect(timed.status).toBe(200);
    expect(await timed.text()).toBe(''); // read to its clean end
    const lasted = performance.now() - started;
    expect(lasted).toBeGreaterThanOrEqual(950);
    expect(lasted).toBeLessThan(1500);
    expect(fake.activeWatches()).toBe(1);
    await open.body!.cancel();
  } finally {
    await fake.close();
  }
});
