import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../tests/fixtures.js'
import { generateSignerKey, parseVerifierKey } from '../../ledger/note-keys.js'
import { openNote } from '../../ledger/note.js'
import { manifestHash, packDigestText } from './pack-digest.js'
import { packFiles } from './pack-files.js'
import { signPack, verifyPack } from './pack-signature.js'

const GOOD = fileURLToPath(
  new URL('../../../tests/plugins/fixtures/third-party/good-rules', import.meta.url),
)
let dir: ReturnType<typeof tempDir>
let pack: string
beforeEach(() => {
  dir = tempDir()
  pack = join(dir.dir, 'good-rules')
  cpSync(GOOD, pack, { recursive: true })
})
afterEach(() => dir.cleanup())

describe('pack signatures', () => {
  it('signs a digest of every file as a C2SP signed note, and verifies it', () => {
    const key = generateSignerKey('partner.example')
    const trusted = [parseVerifierKey(key.verifierKey)]
    expect(verifyPack(pack, trusted)).toMatchObject({
      status: 'none',
      publisher: null,
      fileCount: 2,
    })
    const signed = signPack(pack, key.signerKey)
    expect(signed).toMatchObject({
      status: 'valid',
      name: '@partner/good-rules',
      version: '2.0.0',
      problems: [],
    })
    const note = readFileSync(join(pack, 'SIGNATURE'), 'utf8')
    const text = openNote(note, trusted).text
    expect(text).toBe(packDigestText('@partner/good-rules', '2.0.0', packFiles(pack)))
    expect(text.split('\n').slice(0, 3)).toEqual([
      'veritrail-pack v1',
      '@partner/good-rules 2.0.0',
      expect.stringMatching(/^[0-9a-f]{64} {2}index\.js$/),
    ])
    expect(signed.manifestHash).toBe(manifestHash(text))
    // Signing does not change the hash: SIGNATURE is not part of what is signed.
    expect(verifyPack(pack, []).manifestHash).toBe(signed.manifestHash)
  })

  it('tells an unknown publisher from a tampered pack', () => {
    const key = generateSignerKey('partner.example')
    signPack(pack, key.signerKey)
    const other = parseVerifierKey(generateSignerKey('someone.else').verifierKey)
    expect(verifyPack(pack, [other])).toMatchObject({
      status: 'unknown-key',
      problems: [
        expect.stringMatching(
          /signed by partner\.example\+[0-9a-f]{8}, a key not in the trust store/,
        ),
      ],
    })

    rmSync(join(pack, 'index.js'))
    writeFileSync(join(pack, 'node_modules.js'), '')
    expect(verifyPack(pack, [other])).toMatchObject({
      status: 'tampered',
      problems: [
        'The files differ from what was signed: node_modules.js was added; index.js was removed.',
      ],
    })
  })

  it('refuses a signature that does not verify under a trusted key', () => {
    const key = generateSignerKey('partner.example')
    signPack(pack, key.signerKey)
    const note = readFileSync(join(pack, 'SIGNATURE'), 'utf8')
    const [text, sig] = [
      note.slice(0, note.lastIndexOf('\n\n') + 2),
      note.slice(note.lastIndexOf('\n\n') + 2),
    ]
    const bytes = Buffer.from(sig.trim().split(' ').at(-1)!, 'base64')
    bytes[10]! ^= 1
    writeFileSync(
      join(pack, 'SIGNATURE'),
      `${text}${sig.slice(0, sig.lastIndexOf(' ') + 1)}${bytes.toString('base64')}\n`,
    )
    expect(verifyPack(pack, [parseVerifierKey(key.verifierKey)])).toMatchObject({
      status: 'tampered',
      problems: [expect.stringMatching(/does not verify/)],
    })
  })
})
