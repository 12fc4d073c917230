import type { ReadExecutor } from '../types.js'

/** One row of `plugin_events`: install, trust, untrust, enable, disable or upgrade. */
export interface PluginEventRow {
  id: number
  pluginId: string
  version: string
  event: 'install' | 'trust' | 'untrust' | 'enable' | 'disable' | 'upgrade'
  manifestHash: string
  publisherKey: string | null
  seq: number
  ts: string
}

/** One row of `publisher_keys`: a key added to or removed from the trust store. */
export interface PublisherKeyRow {
  id: number
  keyId: string
  verifierKey: string
  name: string
  event: 'add' | 'remove'
  seq: number
  ts: string
}

/** Every plugin event, oldest first (the lifecycle state is their fold). */
export async function pluginEvents(db: ReadExecutor, pluginId?: string): Promise<PluginEventRow[]> {
  const rows = await db.select(
    `SELECT id, plugin_id, version, event, manifest_hash, publisher_key, seq, ts FROM plugin_events
     ${pluginId === undefined ? '' : 'WHERE plugin_id = ?'} ORDER BY id`,
    pluginId === undefined ? [] : [pluginId],
  )
  return rows.map((r) => ({
    id: Number(r[0]),
    pluginId: String(r[1]),
    version: String(r[2]),
    event: r[3] as PluginEventRow['event'],
    manifestHash: String(r[4]),
    publisherKey: (r[5] as string | null) ?? null,
    seq: Number(r[6]),
    ts: String(r[7]),
  }))
}

/** Every trust-store change, oldest first. */
export async function publisherKeyEvents(db: ReadExecutor): Promise<PublisherKeyRow[]> {
  const rows = await db.select(
    'SELECT id, key_id, verifier_key, name, event, seq, ts FROM publisher_keys ORDER BY id',
  )
  return rows.map((r) => ({
    id: Number(r[0]),
    keyId: String(r[1]),
    verifierKey: String(r[2]),
    name: String(r[3]),
    event: r[4] as PublisherKeyRow['event'],
    seq: Number(r[5]),
    ts: String(r[6]),
  }))
}
