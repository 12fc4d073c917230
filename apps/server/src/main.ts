import { serve } from '@hono/node-server'
import { openCore, staticRegistry } from '@veritrail/core'
import { createApp } from './app.js'
import { configFromEnv } from './config.js'

const config = configFromEnv()
const core = await openCore({
  dataDir: config.dataDir,
  ...(config.dbUrl ? { dbUrl: config.dbUrl } : {}),
  ...(config.timeZone ? { timeZone: config.timeZone } : {}),
  registry: staticRegistry([]),
  program: 'veritrail-server',
})
const boot = await core.bootstrap(config.adminPassword)
if (boot.generatedPassword) {
  console.log(`First start: the bootstrap administrator is "admin" with the one-time password ${boot.generatedPassword}`)
  console.log('It must be changed at first sign-in. Create named administrators, then disable "admin".')
}
const { app } = createApp(core, { dataDir: config.dataDir, ...(config.dbUrl ? { dbUrl: config.dbUrl } : {}) })
const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  console.log(`listening on http://${config.host}:${info.port}`)
})

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`${signal}: stopping (writing final checkpoints)`)
  server.close()
  await core.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
