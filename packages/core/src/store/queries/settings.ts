import type { ReadExecutor } from '../types.js'

export async function latestSettings(db: ReadExecutor): Promise<{ version: number; settings: string } | null> {
  const rows = await db.select('SELECT version, settings FROM settings_versions ORDER BY version DESC LIMIT 1')
  const r = rows[0]
  return r ? { version: Number(r[0]), settings: String(r[1]) } : null
}
