import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { operator, sterilisation, tempDir, testCore } from '../../tests/fixtures.js'
import type { Core } from '../core.js'
import type { Principal } from '../identity/sessions.js'
import type { ActionContext } from '../ledger/context.js'
import { defineDeclarativeRule } from './rules/declarative/define.js'
import { packRules } from './rules/engine.js'
import { coverageInWorker, reviewCoverage } from './coverage.js'

let dir: ReturnType<typeof tempDir>
let core: Core

const rule = (id: string) =>
  defineDeclarativeRule({
    meta: { id, version: '1.0.0', severity: 'warning', description: { en: id, 'zh-CN': id } },
    when: { trail: 'data', actions: ['update', 'delete'] },
    message: { en: `${id}: {actor} {action} {record}.`, 'zh-CN': `${id}：{actor}{action}{record}。` },
  })

const reviewer: Principal = {
  account: { id: 'u-rita', username: 'rita', displayName: 'Rita Reviewer', kind: 'person', roles: ['qa'], status: 'active', mustChangePassword: false, passwordSetTs: null, mfa: false, signatureAccepted: true, version: 1, createdTs: '', updatedTs: '' },
  via: 'session',
  mfaEnrolmentRequired: false,
}
const asReviewer = (): ActionContext => ({ actor: { id: 'u-rita', username: 'rita', displayName: 'Rita Reviewer', role: 'qa', type: 'person' }, client: { ip: '127.0.0.1', userAgent: 'vitest' }, correlationId: randomUUID() })

beforeAll(async () => {
  dir = tempDir()
  core = await testCore(dir.dir)
  // Two rules flag the same entries: their findings share a seq.
  core.useRules(() => packRules('p', 'h', [rule('test.b'), rule('test.a')]))
  for (let i = 0; i < 3; i++) {
    const { id } = await core.records.create(sterilisation.id, { batch: `B-${i}`, minutes: '15.0' }, operator())
    await core.records.update(sterilisation.id, id, { data: { batch: `B-${i}`, minutes: '16.0' }, baseVersion: 1, reason: { code: 'typo' } }, operator())
  }
})
afterAll(async () => {
  await core.close()
  dir.cleanup()
})

describe('opening a review', () => {
  it('answers the review as it was stored, findings in the order they are read back', async () => {
    const opened = await core.reviews.open({ trail: 'data', from: 1, to: 6 }, reviewer, asReviewer())
    expect(opened.findings).toHaveLength(6)
    expect(opened).toEqual(await core.reviews.get(opened.id))
  })
})

describe('review coverage', () => {
  it('is counted the same by a worker on its own connection (large databases) as on the reader', async () => {
    const here = await reviewCoverage(core.store.read.sql)
    expect(here.find((r) => r.trail === 'data' && r.recordType === sterilisation.id)).toMatchObject({ total: 6, unreviewed: 6 })
    expect(here.some((r) => r.trail === 'system' && r.total > 0)).toBe(true)
    expect(await coverageInWorker(core.store.url)).toEqual(here)
  })
})
