import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The k6 script (k6/load.ts) imports k6's own modules, which exist only inside k6: in tests they
// resolve to the fake k6 runtime's stand-ins (test/fakes/k6/), so the real script can run here.
const k6Module = (name: string) => fileURLToPath(new URL(`./test/fakes/k6/modules/${name}.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^k6$/, replacement: k6Module('k6') },
      { find: /^k6\/http$/, replacement: k6Module('http') },
      { find: /^k6\/metrics$/, replacement: k6Module('metrics') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Load tests share two cores: run test files one at a time so timings are not skewed by each other.
    fileParallelism: false,
  },
});
