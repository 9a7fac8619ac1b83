import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixture tests build real git repositories; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Makes the run's temp folder for cache homes and removes it at the end.
    globalSetup: ['test/global-setup.ts'],
    // The JSON file lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: '.cache/vitest-results.json' }]],
  },
});
