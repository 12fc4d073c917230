import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../src/core.js'
import { operator, sterilisation, tempDir, testCore } from './fixtures.js'

let dir: ReturnType<typeof tempDir>
let core: Core

beforeEach(async () => {
  dir = tempDir()
  core = await testCore(dir.dir, { locale: 'en' })
})
afterEach(async () => {
  await core.close()
  dir.cleanup()
})

/**
 * The writer buffers appended rows and writes them before a read that names their table: within
 * one job (an ingest batch) every read still sees every earlier write, whatever else is buffered.
 */
describe('buffered appends inside one writer job', () => {
  it('a read sees the rows of the table it names, written earlier in the same job', async () => {
    const seen = await core.store.write(async (tx) => {
      const first = await core.records.prepareCreate(sterilisation.id, { batch: 'B-1', minutes: '15.0' }, operator())(tx)
      const created = await core.ledger.apply(tx, first)
      // entries and tree nodes are still buffered; the version read flushes only record_versions
      const version = await tx.recordVersion(sterilisation.id, created.id)
      const size = await tx.trailSize('data')
      const texts = await tx.sql.select("SELECT count(*) FROM entry_search WHERE entry_search MATCH '\"B-1\"'")
      // a unique field is checked against the version written a moment ago in the same job
      const duplicate = core.records.prepareCreate(sterilisation.id, { batch: 'B-1', minutes: '16.0' }, operator())(tx)
      return { version: version?.version, size, texts: Number(texts[0]![0]), duplicate: await duplicate.then(() => 'accepted', (e: Error) => e.message) }
    })
    expect(seen.version).toBe(1)
    expect(seen.size).toBe(1)
    expect(seen.texts).toBe(1)
    expect(seen.duplicate).toMatch(/B-1/)
    // and everything was committed
    expect((await core.audit.search({ trail: 'data' })).entries).toHaveLength(1)
    expect(await core.store.read.trailSize('data')).toBe(1)
  })

  it('reads of other records answer from the database while this job\'s versions stay buffered', async () => {
    const earlier = await core.records.create(sterilisation.id, { batch: 'B-0', minutes: '15.0' }, operator())
    const seen = await core.store.write(async (tx) => {
      const created = await core.ledger.apply(tx, await core.records.prepareCreate(sterilisation.id, { batch: 'B-2', minutes: '15.0' }, operator())(tx))
      const other = await tx.recordVersions(sterilisation.id, earlier.id)
      const own = await tx.recordVersions(sterilisation.id, created.id)
      return { other: other.map((v) => v.version), own: own.map((v) => v.version), latest: (await tx.recordVersion(sterilisation.id, created.id))?.version }
    })
    expect(seen).toEqual({ other: [1], own: [1], latest: 1 })
  })
})
