import { describe, expect, it } from 'vitest'
import { parseSignerKey, generateSignerKey, parseVerifierKey } from '../ledger/note-keys.js'
import { openNote } from '../ledger/note.js'
import { MANIFEST_HEADER, signManifest } from './manifest-signing.js'

const signer = parseSignerKey(generateSignerKey('vt-test').signerKey)

describe('signManifest', () => {
  it('signs an evidence manifest as a note the verifier key opens', () => {
    const text = `${MANIFEST_HEADER}\ninstall vt-test\n`
    const note = signManifest(text, signer)
    const verifier = parseVerifierKey(`${signer.name}+${signer.keyIdHex}+${Buffer.from([1, ...signer.publicKey]).toString('base64')}`)
    expect(openNote(note, [verifier]).text).toBe(text)
  })

  it('refuses anything else, above all a text that would read as a checkpoint', () => {
    expect(() => signManifest('vt-test/data\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n', signer)).toThrow(/evidence manifests only/)
    expect(() => signManifest(`${MANIFEST_HEADER}\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`, signer)).toThrow(/never read as a checkpoint/)
  })
})
