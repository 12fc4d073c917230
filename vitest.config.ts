import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { conditions: ['development'] },
  test: {
    include: [
      'packages/core/src/**/*.test.ts',
      'packages/core/tests/**/*.test.ts',
      'packages/plugins/*/src/**/*.test.ts',
      'packages/plugins/*/tests/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/tests/**/*.test.ts',
      'apps/cli/src/**/*.test.ts',
      'apps/cli/tests/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
