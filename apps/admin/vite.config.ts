import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'
import { coreForBrowser } from './vite/core-for-browser.ts'

/** The admin UI: built into dist/, which the server serves at `/` (apps/server/src/static.ts). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [solid(), coreForBrowser()],
  worker: { format: 'es', plugins: () => [coreForBrowser()] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 400 },
  server: { proxy: { '/api': process.env.VERITRAIL_URL ?? 'http://127.0.0.1:8080' } },
})
