#!/usr/bin/env node
// Runs the CLI from its TypeScript sources (tsx), so `npx veritrail` works right after `npm ci`.
await import('../../../scripts/dev-loader.mjs')
const { runCli } = await import('../src/main.ts')
process.exitCode = await runCli(process.argv.slice(2))
