// Issue 9.5: Knative's autoscaler bounds are `validate`'s to find, with file, line and key — not
// its webhook's, mid-install. knative/serving@knative-v1.19.5: stable-window in [6s, 1h] and whole
// seconds (pkg/autoscaler/config/config.go validate; WindowMin/WindowMax in
// pkg/apis/autoscaling/register.go), the same for the autoscaling.knative.dev/window annotation the
// profile's window also becomes (annotation_validation.go validateWindow); the grace period only > 0.
import { describe, expect, it } from 'vitest';
import { FIXTURES, problemsOf } from './problems-of.ts';

describe("Knative's autoscaler bounds", () => {
  it('are reported in the profile file and in the suite, each at its line and key', async () => {
    const problems = await problemsOf(`${FIXTURES}/knative-autoscaler-bounds.yaml`, { profilesDir: 'test/fixtures/profiles' });
    expect(problems.map(({ file, line, key }) => `${file}:${line} ${key}`)).toEqual([
      'test/fixtures/suites/knative-autoscaler-bounds.yaml:13 profiles[2].serving.autoscaler.stableWindow',
      'test/fixtures/suites/knative-autoscaler-bounds.yaml:18 profiles[3].serving.autoscaler.stableWindow',
      'test/fixtures/profiles/knative-out-of-bounds.yaml:9 serving.autoscaler.scaleToZeroGracePeriod',
      'test/fixtures/profiles/knative-out-of-bounds.yaml:10 serving.autoscaler.stableWindow',
    ]);
    const message = (key: string) => problems.filter((problem) => problem.key.endsWith(key)).map((problem) => problem.message);
    expect(message('stableWindow')).toEqual([
      'expected whole seconds from 6s to 1h, the stable window Knative accepts (config-autoscaler stable-window and autoscaling.knative.dev/window); got 5s',
      'expected whole seconds from 6s to 1h, the stable window Knative accepts (config-autoscaler stable-window and autoscaling.knative.dev/window); got 2h',
      'expected whole seconds from 6s to 1h, the stable window Knative accepts (config-autoscaler stable-window and autoscaling.knative.dev/window); got 6.5s',
    ]);
    expect(message('scaleToZeroGracePeriod')).toEqual(['expected a duration above 0 (Knative: "scale-to-zero-grace-period must be positive"); got 0ms']);
  });

  it('leave a sub-second grace period alone: only the stable window has a 6s floor', async () => {
    const problems = await problemsOf(`${FIXTURES}/knative-autoscaler-bounds.yaml`, { profilesDir: 'test/fixtures/profiles' });
    expect(problems.some((problem) => problem.file.endsWith('knative-sub-second-grace.yaml'))).toBe(false);
  });
});
