import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import { configFromEnv } from './config.js'
import { openPlatform } from './platform.js'
import { pluginRoutes } from './routes/plugins.js'
import { exportRoutes } from './routes/exports.js'
import { startNotifier } from './notifier.js'
import { backupEngine, backupRoutes } from './routes/backups.js'
import { startBackupScheduler } from '@veritrail/core'

const config = configFromEnv()
const platform = await openPlatform({
  dataDir: config.dataDir,
  ...(config.dbUrl ? { dbUrl: config.dbUrl } : {}),
  ...(config.timeZone ? { timeZone: config.timeZone } : {}),
  program: 'veritrail-server',
})
const core = platform.core
const boot = await core.bootstrap(config.adminPassword)
if (boot.generatedPassword) {
  console.log(`First start: the bootstrap administrator is "admin" with the one-time password ${boot.generatedPassword}`)
  console.log('It must be changed at first sign-in. Create named administrators, then disable "admin".')
}
const { app } = createApp(core, {
  dataDir: config.dataDir,
  ...(config.dbUrl ? { dbUrl: config.dbUrl } : {}),
  routes: [...pluginRoutes(platform.plugins), ...exportRoutes(core, platform.plugins), ...backupRoutes(core, platform.plugins)],
})
const notifier = startNotifier(core, (line) => console.error(line))
// The backup engine ships the WAL and runs the settings' backup schedules (CONTRACT §8, §9).
const backups = await backupEngine(core, platform.plugins)
const scheduler = startBackupScheduler(backups, { log: (line) => console.error(line) })
const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  console.log(`listening on http://${config.host}:${info.port}`)
})

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`${signal}: stopping (writing final checkpoints)`)
  notifier.stop()
  scheduler.stop()
  await backups.close()
  server.close()
  await platform.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
