import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore, SYSTEM_ACTOR, type Core } from '../core.js'
import { staticRegistry } from '../extension/record-type.js'
import { rootAt } from '../ledger/ranges.js'
import { verifyInclusion } from '../ledger/verify-proof.js'
import { InclusionProofs } from './proofs.js'

let dir: string
let core: Core

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'veritrail-proofs-'))
  core = await openCore({ dataDir: dir, registry: staticRegistry([]), timeZone: 'UTC' })
  const drafts = Array.from({ length: 777 }, (_, i) => ({ trail: 'data' as const, actor: SYSTEM_ACTOR, action: 'verify' as const, correlationId: `c-${i}`, client: { ip: '', userAgent: 'test' } }))
  await core.ledger.append(drafts)
})
afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('InclusionProofs', () => {
  it('proves dense and sparse batches against a frozen tree size, each proof valid (RFC 9162)', async () => {
    const size = 700
    const root = await rootAt(size, (ids) => core.store.read.nodes('data', ids))
    const prover = new InclusionProofs(core.store.read.sql, 'data', size)
    const seqs = [...Array.from({ length: 64 }, (_, i) => i + 1), 97, 300, 511, 512, 513, 699, 700]
    const proofs = await prover.proofs(seqs)
    const leaves = await core.store.read.nodes('data', seqs.map((s) => ({ level: 0, index: s - 1 })))
    seqs.forEach((seq, i) => expect(() => verifyInclusion(seq - 1, size, leaves[i]!, proofs[i]!, root)).not.toThrow())
    await expect(prover.proofs([701])).rejects.toThrow(/not in the data trail's tree of 700/)
  })
})
