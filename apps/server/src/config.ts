import { resolve } from 'node:path'

/** The server's environment (CONTRACT §1). */
export interface ServerConfig {
  host: string
  port: number
  dataDir: string
  dbUrl: string | undefined
  timeZone: string | undefined
  adminPassword: string | undefined
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.VERITRAIL_PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`VERITRAIL_PORT must be a port number, not “${env.VERITRAIL_PORT}”.`)
  }
  return {
    host: env.VERITRAIL_HOST || '127.0.0.1',
    port,
    dataDir: resolve(env.VERITRAIL_DATA || 'data'),
    dbUrl: env.VERITRAIL_DB_URL || undefined,
    timeZone: env.VERITRAIL_TZ || undefined,
    adminPassword: env.VERITRAIL_ADMIN_PASSWORD || undefined,
  }
}
