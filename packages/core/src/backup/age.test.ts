import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateX25519Identity, identityToRecipient } from 'age-encryption'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../tests/fixtures.js'
import { AGE_MAGIC, isAgeEncrypted } from './age.js'
import { SEAL_MODULE, openBytes, openSealedFile, sealBytes, sealFile, type Sealed } from './seal.js'
import { backupWorkers } from './worker-pool.js'

let dir: ReturnType<typeof tempDir>
afterEach(() => dir?.cleanup())

async function keyPair(name: string) {
  const identity = await generateX25519Identity()
  const file = join(dir.dir, `${name}.agekey`)
  writeFileSync(file, `${identity}\n`, { mode: 0o600 })
  return { identity, recipient: await identityToRecipient(identity), file }
}

describe('age objects (node:crypto STREAM, age-encryption header)', () => {
  it('Debian age and zstd read what sealFile wrote, for either of two recipients, at chunk edges', async () => {
    dir = tempDir()
    const site = await keyPair('site')
    const escrow = await keyPair('escrow')
    // Sizes around the 64 KiB STREAM chunk and across several 8 MiB Zstandard frames.
    for (const size of [0, 1, 65536, 65537, 3 * 65536, 9 * 1024 * 1024 + 5]) {
      const plain = Buffer.concat([
        randomBytes(Math.floor(size / 2)),
        Buffer.alloc(size - Math.floor(size / 2), 7),
      ])
      writeFileSync(join(dir.dir, 'plain'), plain)
      const sealed = await sealFile(
        join(dir.dir, 'plain'),
        join(dir.dir, 'sealed.zst.age'),
        [site.recipient, escrow.recipient],
        'zstd',
      )
      const stored = readFileSync(join(dir.dir, 'sealed.zst.age'))
      expect(stored.subarray(0, AGE_MAGIC.length).toString()).toBe(AGE_MAGIC)
      expect(sealed.plain.bytes).toBe(size)
      expect(sealed.cipher.bytes).toBe(stored.length)
      for (const key of [site, escrow]) {
        const out = execFileSync(
          'sh',
          ['-c', `age -d -i ${key.file} ${join(dir.dir, 'sealed.zst.age')} | zstd -d -c`],
          { maxBuffer: 64 << 20 },
        )
        expect(out.equals(plain)).toBe(true)
      }
      const back = await openSealedFile(
        join(dir.dir, 'sealed.zst.age'),
        join(dir.dir, 'back'),
        [site.identity],
        'zstd',
        sealed.plain.sha256,
      )
      expect(back).toEqual(sealed)
      expect(readFileSync(join(dir.dir, 'back')).equals(plain)).toBe(true)
    }
  })

  it('seals in a worker thread as well (the path large objects take)', async () => {
    dir = tempDir()
    const site = await keyPair('site')
    writeFileSync(join(dir.dir, 'plain'), randomBytes(100_000))
    const [sealed] = await backupWorkers.run<Sealed[]>(SEAL_MODULE, 'sealFiles', [
      [{ src: join(dir.dir, 'plain'), dest: join(dir.dir, 'out.age'), compression: 'zstd' }],
      [site.recipient],
    ])
    expect(sealed!.plain.bytes).toBe(100_000)
    expect(
      execFileSync('sh', [
        '-c',
        `age -d -i ${site.file} ${join(dir.dir, 'out.age')} | zstd -d -c | wc -c`,
      ])
        .toString()
        .trim(),
    ).toBe('100000')
    // A core error thrown in the thread keeps its code.
    await expect(
      backupWorkers.run(SEAL_MODULE, 'openSealedFiles', [
        [{ src: join(dir.dir, 'plain'), dest: null, compression: 'none' }],
        ['AGE-SECRET-KEY-1X'],
      ]),
    ).rejects.toMatchObject({ code: 'verification_failed' })
    await backupWorkers.close()
  })

  it('opens what Debian age encrypted, and refuses a wrong key, a flipped byte and plaintext', async () => {
    dir = tempDir()
    const site = await keyPair('site')
    const other = await keyPair('other')
    const plain = randomBytes(200_000)
    writeFileSync(join(dir.dir, 'plain'), plain)
    execFileSync('age', [
      '-r',
      site.recipient,
      '-o',
      join(dir.dir, 'by-age.age'),
      join(dir.dir, 'plain'),
    ])
    const opened = await openSealedFile(join(dir.dir, 'by-age.age'), null, [site.identity], 'none')
    expect(opened.plain.bytes).toBe(plain.length)
    await expect(
      openSealedFile(join(dir.dir, 'by-age.age'), null, [other.identity], 'none'),
    ).rejects.toMatchObject({ code: 'verification_failed' })
    const bytes = readFileSync(join(dir.dir, 'by-age.age'))
    bytes[bytes.length - 100]! ^= 1
    writeFileSync(join(dir.dir, 'flipped.age'), bytes)
    await expect(
      openSealedFile(join(dir.dir, 'flipped.age'), null, [site.identity], 'none'),
    ).rejects.toMatchObject({ code: 'verification_failed' })
    await expect(
      openSealedFile(join(dir.dir, 'plain'), null, [site.identity], 'none'),
    ).rejects.toThrow(/not age-encrypted/)
    const small = await sealBytes(Buffer.from('{"a":1}'), [site.recipient], 'zstd')
    expect(isAgeEncrypted(small)).toBe(true)
    expect((await openBytes(small, [site.identity], 'zstd')).toString()).toBe('{"a":1}')
    await expect(sealBytes(Buffer.from('x'), [], 'none')).rejects.toMatchObject({
      code: 'validation_failed',
    })
    await expect(
      sealBytes(Buffer.from('x'), ['age1pq1notsupported'], 'none'),
    ).rejects.toMatchObject({ code: 'validation_failed' })
  })
})
