import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
} from './checkpoint.js'
import { EMPTY_ROOT } from './merkle.js'
import { generateSignerKey, parseSignerKey, parseVerifierKey } from './note-keys.js'
import { openNote, signNote } from './note.js'

const vectors = new URL('../../../../../shared/vectors/', import.meta.url)
const all = JSON.parse(
  readFileSync(new URL('signed_note_checkpoint_ed25519_vectors.json', vectors), 'utf8'),
) as {
  golang_mod_sumdb_note: { signerKey: string }
  c2sp_tlog_checkpoint_example: { checkpoint: string }
  derived_checkpoint_rfc6962_8leaf: {
    vkey: string
    checkpointText: string
    signedCheckpoint: string
  }
}
const rfc6962 = JSON.parse(
  readFileSync(new URL('rfc6962-derived/rfc6962_8leaf_tree.json', vectors), 'utf8'),
) as {
  rootHashesHex: string[]
}
const derived = all.derived_checkpoint_rfc6962_8leaf
const signer = parseSignerKey(all.golang_mod_sumdb_note.signerKey)
const verifier = parseVerifierKey(derived.vkey)
const root8 = Buffer.from(rfc6962.rootHashesHex[8] ?? '', 'hex')
const checkpoint8: Checkpoint = { origin: 'example.com/gxp-audit-test', size: 8, rootHash: root8 }

describe('formatCheckpoint', () => {
  it('writes the derived 8-leaf checkpoint body exactly', () => {
    expect(formatCheckpoint(checkpoint8)).toBe(derived.checkpointText)
  })

  it('writes the empty tree and extension lines', () => {
    expect(
      formatCheckpoint({ origin: 'o', size: 0, rootHash: EMPTY_ROOT, extensions: ['x y', 'z'] }),
    ).toBe('o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nx y\nz\n')
  })

  it.each([
    ['an empty origin', { ...checkpoint8, origin: '' }],
    ['a two-line origin', { ...checkpoint8, origin: 'a\nb' }],
    ['a control character', { ...checkpoint8, origin: 'a\tb' }],
    ['an empty extension', { ...checkpoint8, extensions: [''] }],
    ['a negative size', { ...checkpoint8, size: -1 }],
    ['a fractional size', { ...checkpoint8, size: 1.5 }],
    ['a short root', { ...checkpoint8, rootHash: root8.subarray(1) }],
  ])('refuses %s', (_, bad) => {
    expect(() => formatCheckpoint(bad)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
  })
})

describe('parseCheckpoint', () => {
  it('parses the C2SP example body', () => {
    const body = all.c2sp_tlog_checkpoint_example.checkpoint.split('\n\n')[0] + '\n'
    const parsed = parseCheckpoint(body)
    expect(parsed).toMatchObject({
      origin: 'example.com/behind-the-sofa',
      size: 20852163,
      extensions: [],
    })
    expect(Buffer.from(parsed.rootHash).toString('base64')).toBe(
      'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
    )
  })

  it('round-trips what formatCheckpoint writes', () => {
    const line = fc
      .string({ minLength: 1 })
      .filter((s) => !/[\u0000-\u001f]/.test(s) && s.isWellFormed())
    fc.assert(
      fc.property(
        line,
        fc.nat(Number.MAX_SAFE_INTEGER),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.array(line, { maxLength: 3 }),
        (origin, size, rootHash, extensions) => {
          const parsed = parseCheckpoint(formatCheckpoint({ origin, size, rootHash, extensions }))
          expect(parsed).toEqual({ origin, size, rootHash, extensions })
        },
      ),
    )
  })

  const root = 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg='
  it.each([
    ['no final newline', `o\n8\n${root}`],
    ['too few lines', 'o\n8\n'],
    ['an empty origin', `\n8\n${root}\n`],
    ['a leading zero', `o\n08\n${root}\n`],
    ['a plus sign', `o\n+8\n${root}\n`],
    ['a space in the size', `o\n 8\n${root}\n`],
    ['a hexadecimal size', `o\n0x8\n${root}\n`],
    ['a size beyond 2^53', `o\n9007199254740992\n${root}\n`],
    ['a short root', `o\n8\n${Buffer.alloc(31).toString('base64')}\n`],
    ['a long root', `o\n8\n${Buffer.alloc(33).toString('base64')}\n`],
    ['an unpadded root', `o\n8\n${root.slice(0, -1)}\n`],
    ['a URL-safe root', `o\n8\n${root.replace('+', '-')}\n`],
    ['an empty extension line', `o\n8\n${root}\n\n`],
    ['a carriage return', `o\r\n8\n${root}\n`],
  ])('refuses a body with %s', (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(
      expect.objectContaining({ reason: 'MALFORMED_CHECKPOINT' }),
    )
  })

  it('accepts size 0 and extension lines', () => {
    expect(parseCheckpoint(`o\n0\n${root}\next 1\n`)).toMatchObject({
      size: 0,
      extensions: ['ext 1'],
    })
  })
})

describe('signed checkpoints', () => {
  it('signs the derived 8-leaf checkpoint exactly', () => {
    expect(signCheckpoint(checkpoint8, signer)).toBe(derived.signedCheckpoint)
  })

  it('opens it with a key whose name is not the origin', () => {
    const opened = openCheckpoint(derived.signedCheckpoint, verifier)
    expect(opened).toMatchObject({ origin: 'example.com/gxp-audit-test', size: 8, extensions: [] })
    expect(Buffer.from(opened.rootHash).toString('hex')).toBe(rfc6962.rootHashesHex[8])
    expect(
      openCheckpoint(derived.signedCheckpoint, [verifier], { origin: 'example.com/gxp-audit-test' })
        .size,
    ).toBe(8)
  })

  it('refuses a checkpoint for another origin when one is expected', () => {
    expect(() =>
      openCheckpoint(derived.signedCheckpoint, verifier, { origin: 'install/system' }),
    ).toThrow(expect.objectContaining({ reason: 'CHECKPOINT_ORIGIN_MISMATCH' }))
  })

  it('refuses a tampered size or root and an untrusted key', () => {
    const note = derived.signedCheckpoint
    expect(() => openCheckpoint(note.replace('\n8\n', '\n9\n'), verifier)).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_INVALID' }),
    )
    expect(() => openCheckpoint(note.replace('Xcna', 'Ycna'), verifier)).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_INVALID' }),
    )
    const stranger = parseVerifierKey(generateSignerKey('PeterNeumann').verifierKey)
    expect(() => openCheckpoint(note, stranger)).toThrow(
      expect.objectContaining({ reason: 'NO_TRUSTED_SIGNATURE' }),
    )
  })

  it('refuses a validly signed note whose body is no checkpoint', () => {
    const note = signNote(derived.checkpointText.replace('\n8\n', '\n08\n'), signer)
    expect(() => openNote(note, [verifier])).not.toThrow()
    expect(() => openCheckpoint(note, verifier)).toThrow(
      expect.objectContaining({ reason: 'MALFORMED_CHECKPOINT' }),
    )
  })

  it('opens a checkpoint co-signed by a rotated key', () => {
    const next = generateSignerKey('install-1')
    const note = signCheckpoint(checkpoint8, [signer, parseSignerKey(next.signerKey)])
    expect(openCheckpoint(note, parseVerifierKey(next.verifierKey)).size).toBe(8)
    expect(openCheckpoint(note, verifier).size).toBe(8)
  })
})
