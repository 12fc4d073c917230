import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateSignerKey, parseSignerKey, parseVerifierKey } from './note-keys.js'
import { openNote, signNote } from './note.js'

const vectors = JSON.parse(
  readFileSync(
    new URL(
      '../../../../../shared/vectors/signed_note_checkpoint_ed25519_vectors.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as {
  golang_mod_sumdb_note: {
    signerKey: string
    verifierKeys: string[]
    text: string
    expectedSignedNote_PeterOnly: string
    signatureLines: string[]
  }
  c2sp_signed_note_example: { vkey: string; signedNote: string }
}
const go = vectors.golang_mod_sumdb_note
const text = go.text
const peter = parseVerifierKey(go.verifierKeys[0] ?? '')
const enoch = parseVerifierKey(go.verifierKeys[1] ?? '')
const peterSig = `${go.signatureLines[0]}\n`
const enochSig = `${go.signatureLines[1]}\n`
const sigOf = (line: string) => {
  const [, name = '', base64 = ''] = line.trimEnd().split(' ')
  return { name, keyIdHex: Buffer.from(base64, 'base64').subarray(0, 4).toString('hex'), base64 }
}

describe('signNote', () => {
  it('reproduces Go sumdb/note byte for byte', () => {
    expect(signNote(text, parseSignerKey(go.signerKey))).toBe(go.expectedSignedNote_PeterOnly)
  })

  it('writes one line per signer, with the em dash and a blank line before them', () => {
    const a = parseSignerKey(generateSignerKey('a.example').signerKey)
    const b = parseSignerKey(generateSignerKey('b.example').signerKey)
    const note = signNote('body\n', [a, b])
    expect(note).toMatch(
      /^body\n\n\u2014 a\.example [A-Za-z0-9+/]{91}=\n\u2014 b\.example [A-Za-z0-9+/]{91}=\n$/,
    )
    expect(openNote(note, [b]).sigs.map((s) => s.name)).toEqual(['b.example'])
  })

  it('keeps blank lines inside the text: the last blank line separates', () => {
    const signer = parseSignerKey(go.signerKey)
    for (const body of ['a\n\nb\n', 'a\n\n', '\n']) {
      expect(openNote(signNote(body, signer), [peter]).text).toBe(body)
    }
  })

  it('refuses text it could not open again', () => {
    const signer = parseSignerKey(go.signerKey)
    for (const bad of ['abc', 'tab\there\n', 'lone \ud800\n', '']) {
      expect(() => signNote(bad, signer)).toThrow(
        expect.objectContaining({ code: 'validation_failed' }),
      )
    }
    expect(() => signNote('abc\n', [])).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    )
    expect(() => signNote('abc\n', { ...signer, name: 'bad name' })).toThrow(/bad name/)
  })
})

describe('openNote', () => {
  it('verifies a known key and keeps unknown signatures aside', () => {
    const note = openNote(`${text}\n${peterSig}${enochSig}`, [peter])
    expect(note.text).toBe(text)
    expect(note.sigs).toEqual([sigOf(peterSig)])
    expect(note.unverifiedSigs).toEqual([sigOf(enochSig)])
  })

  it('verifies several known keys', () => {
    const note = openNote(`${text}\n${peterSig}${enochSig}`, [peter, enoch])
    expect(note.sigs).toEqual([sigOf(peterSig), sigOf(enochSig)])
    expect(note.unverifiedSigs).toEqual([])
  })

  it('opens bytes as well as strings', () => {
    expect(openNote(new TextEncoder().encode(go.expectedSignedNote_PeterOnly), [peter]).text).toBe(
      text,
    )
  })

  it('opens the C2SP example', () => {
    const example = vectors.c2sp_signed_note_example
    expect(openNote(example.signedNote, [parseVerifierKey(example.vkey)]).text).toBe(
      'This is an example message.\n',
    )
  })

  it('refuses a note without a trusted signature', () => {
    expect(() => openNote(`${text}\n${peterSig}${enochSig}`, [])).toThrow(
      expect.objectContaining({ reason: 'NO_TRUSTED_SIGNATURE' }),
    )
    expect(() => openNote(`${text}\n${enochSig}`, [peter])).toThrow(/EnochRoot\+af0cfe78/)
  })

  it('ignores a key that shares only the name or only the id with a signature', () => {
    const sameName = parseVerifierKey(generateSignerKey('PeterNeumann').verifierKey)
    expect(() => openNote(go.expectedSignedNote_PeterOnly, [sameName])).toThrow(
      expect.objectContaining({ reason: 'NO_TRUSTED_SIGNATURE' }),
    )
    const sameId = { ...enoch, keyIdHex: peter.keyIdHex }
    expect(() => openNote(go.expectedSignedNote_PeterOnly, [sameId])).toThrow(
      expect.objectContaining({ reason: 'NO_TRUSTED_SIGNATURE' }),
    )
  })

  it('refuses the whole note when a trusted key signature fails', () => {
    const forged = `${text}\n${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`
    expect(() => openNote(forged, [peter])).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_INVALID' }),
    )
    const otherText = go.expectedSignedNote_PeterOnly.replace('cryptography', 'Cryptography')
    expect(() => openNote(otherText, [peter])).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_INVALID' }),
    )
    const imposter = { ...peter, publicKey: enoch.publicKey }
    expect(() => openNote(go.expectedSignedNote_PeterOnly, [imposter])).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_INVALID' }),
    )
  })

  it('reads everything before the last blank line as text', () => {
    const note = `${text}\n${peterSig}\n${peterSig}`
    expect(() => openNote(note, [peter])).toThrow(
      expect.objectContaining({ reason: 'SIGNATURE_INVALID' }),
    )
  })

  it('drops repeated signatures', () => {
    const enochABCD = `${enochSig.slice(0, 60)}ABCD${enochSig.slice(60)}`
    const note = openNote(`${text}\n${peterSig}${peterSig}${enochSig}${enochSig}${enochABCD}`, [
      peter,
    ])
    expect(note.sigs).toEqual([sigOf(peterSig)])
    expect(note.unverifiedSigs).toEqual([sigOf(enochSig), sigOf(enochABCD)])
  })

  it('accepts 100 signatures and refuses 101', () => {
    expect(openNote(`${text}\n${peterSig.repeat(100)}`, [peter]).sigs).toHaveLength(1)
    expect(() => openNote(`${text}\n${peterSig.repeat(101)}`, [peter])).toThrow(
      expect.objectContaining({ reason: 'MALFORMED_NOTE' }),
    )
    expect(() => openNote(`${text}\n${peterSig.repeat(101)}`, [])).toThrow(
      expect.objectContaining({ reason: 'MALFORMED_NOTE' }),
    )
  })

  it.each([
    ['no signatures', text],
    ['only a blank line', `${text}\n`],
    ['no final newline', `${text}\n${peterSig.slice(0, -1)}`],
    ['a control character', `\u0001${text}\n${peterSig}`],
    ['a carriage return', `${text.replace('\n', '\r\n')}\n${peterSig}`],
    ['a lone surrogate', `\ud800${text}\n${peterSig}`],
    [
      'a space in the key name',
      `${text}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ['a line that is no signature', `${text}\n${peterSig}Unexpected line.\n`],
    ['a hyphen for the em dash', `${text}\n${peterSig.replace('\u2014', '-')}`],
    ['no signature bytes', `${text}\n\u2014 PeterNeumann\n`],
    ['a signature of four bytes', `${text}\n\u2014 PeterNeumann x08gow==\n`],
    ['non-canonical base64', `${text}\n${peterSig.replace('AM=', 'AN=')}`],
    ['unpadded base64', `${text}\n${peterSig.replace('AM=', 'AM')}`],
  ])('refuses a note with %s', (_, note) => {
    expect(() => openNote(note, [peter])).toThrow(
      expect.objectContaining({ reason: 'MALFORMED_NOTE' }),
    )
  })

  it('refuses invalid UTF-8 bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(go.expectedSignedNote_PeterOnly)])
    expect(() => openNote(bytes, [peter])).toThrow(
      expect.objectContaining({ reason: 'MALFORMED_NOTE' }),
    )
  })

  it('refuses two different trusted keys with the same name and id', () => {
    const clash = { ...peter, publicKey: enoch.publicKey }
    expect(() => openNote(go.expectedSignedNote_PeterOnly, [peter, clash])).toThrow(
      expect.objectContaining({ reason: 'AMBIGUOUS_KEY' }),
    )
    expect(openNote(go.expectedSignedNote_PeterOnly, [peter, peter]).sigs).toHaveLength(1)
  })
})
