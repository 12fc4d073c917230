import solid from 'vite-plugin-solid'
import { defineConfig } from 'vitest/config'
import { coreForBrowser } from './apps/admin/vite/core-for-browser.ts'

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: ['development'] },
        test: {
          name: 'node',
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
      },
      {
        // Solid components under jsdom; the core's proof code runs with the browser crypto.
        plugins: [solid(), coreForBrowser()],
        test: {
          name: 'ui',
          environment: 'jsdom',
          setupFiles: ['packages/ui/test-setup.ts'],
          include: ['packages/ui/src/**/*.test.{ts,tsx}', 'apps/admin/src/**/*.test.{ts,tsx}'],
        },
      },
      {
        // The built admin UI in Debian's chromium against a real server (playwright-core).
        resolve: { conditions: ['development'] },
        test: {
          name: 'e2e',
          include: ['apps/admin/e2e/**/*.test.ts'],
          globalSetup: ['apps/admin/e2e/build-admin.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
    ],
  },
})
