import { createHash } from 'node:crypto'
import { canonicalJson } from '../../canonical/canonical-json.js'
import type { Entry } from '../../ledger/entry.js'
import type { ExportItem } from '../exporter.js'

/**
 * Realistic export items for conformance checks: data-trail entries with Chinese labels,
 * decimal strings whose trailing zeros matter, a reason, an ingested entry, a tombstone, and
 * record versions. Bytes are canonical JSON as the ledger stores them.
 */
export function sampleItems(count: number): ExportItem[] {
  const items: ExportItem[] = []
  for (let i = 1; i <= count; i++) {
    if (i % 3 === 0) {
      items.push({
        kind: 'record',
        type: 'conformance.batch',
        typeVersion: '1.0.0',
        id: `rec-${i}`,
        version: 1 + (i % 2),
        data: i % 9 === 0 ? null : { batch: `B-${i}`, minutes: '15.10', 备注: '复核 “ok”' },
        deleted: i % 9 === 0,
        seq: i,
        ts: timestamp(i),
        actorId: 'u-alice',
      })
      continue
    }
    const entry: Entry = {
      v: 1,
      seq: i,
      trail: 'data',
      ts: timestamp(i),
      tz: 'Asia/Shanghai',
      actor: {
        id: 'u-alice',
        username: 'alice',
        displayName: '王 Alice',
        role: 'operator',
        type: 'person',
      },
      action: i === 1 ? 'create' : 'update',
      correlationId: `c-${i}`,
      target: {
        type: 'conformance.batch',
        typeVersion: '1.0.0',
        id: `rec-${i}`,
        version: i === 1 ? 1 : 2,
      },
      changes: [
        { field: 'minutes', label: '灭菌时间', ...(i === 1 ? {} : { old: '15.0' }), new: '15.10' },
      ],
      ...(i === 1
        ? {}
        : { reason: { code: 'typo', label: 'Typing error', text: 'line\nbreak, comma; "quote"' } }),
      client: { ip: '10.0.0.7', userAgent: 'conformance' },
      ...(i % 5 === 0
        ? { source: { system: 'MES', user: 'line-3', ts: timestamp(i - 1), ref: `MES-${i}` } }
        : {}),
    }
    const bytes = canonicalJson(entry)
    const leafHash = createHash('sha256')
      .update(Buffer.from([0]))
      .update(bytes)
      .digest('hex')
    items.push({ kind: 'entry', entry, bytes, leafHash })
  }
  return items
}

function timestamp(i: number): string {
  return new Date(Date.UTC(2025, 0, 2, 8, 0, 0, i)).toISOString()
}
