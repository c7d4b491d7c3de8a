import { describe, expect, it } from 'vitest';
import { SuiteError } from '../../src/suite/errors.ts';
import { loadSuite } from '../../src/suite/load.ts';

describe('a Knative profile with the istio ingress', () => {
  it('needs a mesh, or nothing would install Istio for net-istio: the problem points at serving.ingress', async () => {
    const error = await loadSuite('test/fixtures/suites/istio-ingress-without-mesh.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SuiteError);
    expect((error as SuiteError).problems).toEqual([
      expect.objectContaining({ line: 10, key: 'profiles[0].serving.ingress', message: expect.stringMatching(/needs Istio/) }),
    ]);
  });
});
