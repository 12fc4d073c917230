import { describe, expect, it } from 'vitest'
import { trailFixture } from './fixture.test-helper.ts'
import { fingerprintOf, verifyEntry } from './verify-entry.ts'

const fx = trailFixture(7)
const input = (seq: number) => ({
  entry: fx.entries[seq - 1]!,
  checkpoint: fx.checkpoint,
  publicKey: fx.publicKey,
  proof: fx.proof(seq),
})

describe('verifyEntry (browser SHA-256 and Ed25519)', () => {
  it('verifies every entry of the trail against the signed checkpoint', () => {
    for (let seq = 1; seq <= 7; seq++) {
      const result = verifyEntry(input(seq))
      expect(result, `seq ${seq}`).toMatchObject({ ok: true, treeSize: 7 })
    }
  })

  it('names the published key by the fingerprint veritrail verify prints', () => {
    const result = verifyEntry(input(3))
    expect(result.ok && result.fingerprint).toMatch(
      /^vt-test\+[0-9a-f]{8} \(SHA-256 [0-9a-f]{16}…\)$/,
    )
    expect(fingerprintOf(fx.publicKey)).toBe(result.ok ? result.fingerprint : '')
    expect(fingerprintOf('not a key')).toBeUndefined()
  })

  it('catches an altered value even when the served leaf hash is kept', () => {
    const entry = structuredClone(fx.entries[2]!) as {
      changes: { new: string }[]
    } & (typeof fx.entries)[number]
    entry.changes[0]!.new = '99.0'
    expect(verifyEntry({ ...input(3), entry })).toMatchObject({
      ok: false,
      failure: 'entry_altered',
    })
  })

  it('ignores display labels, which are not hashed', () => {
    const entry = { ...fx.entries[2]!, display: { action: '修改' } }
    expect(verifyEntry({ ...input(3), entry }).ok).toBe(true)
  })

  it('refuses a checkpoint signed by another key', () => {
    const other = trailFixture(7, 'vt-test')
    expect(verifyEntry({ ...input(3), publicKey: other.publicKey })).toMatchObject({
      ok: false,
      failure: 'checkpoint_invalid',
    })
  })

  it('refuses a wrong proof and an entry beyond the checkpoint', () => {
    const proof = input(4).proof
    expect(verifyEntry({ ...input(3), proof })).toMatchObject({
      ok: false,
      failure: 'proof_invalid',
    })
    const small = trailFixture(3)
    const beyond = { ...input(5), checkpoint: { ...small.checkpoint }, publicKey: small.publicKey }
    expect(verifyEntry(beyond)).toMatchObject({ ok: false })
  })

  it('refuses a checkpoint of the other trail', () => {
    const entry = { ...fx.entries[0]!, trail: 'system' }
    expect(verifyEntry({ ...input(1), entry }).ok).toBe(false)
  })
})

describe('the core in the browser build', () => {
  it('runs on the @noble stand-ins, never node:crypto (signing is refused)', async () => {
    const { signNote } = await import('../../../../packages/core/src/ledger/note.ts')
    const signer = {
      name: 'x',
      keyIdHex: '00000000',
      publicKey: new Uint8Array(32),
      privateKey: {} as never,
    }
    expect(() => signNote('hello\n', signer)).toThrow(/server/)
  })
})
