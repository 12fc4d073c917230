import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exporterConformance } from '@veritrail/core'
import { evidenceExporter, verifyEvidencePackage } from '../src/index.js'
import { exportTo, openSite, type Site } from './site.js'

let site: Site
let recordPackage: string
let trailPackage: string

/** Rewrites a zip with Python's zipfile: `edit(name, bytes)` returns new bytes, or null to drop. */
function rewriteZip(source: string, target: string, script: string): void {
  execFileSync('python3', ['-c', `
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
def edit(name, data):
${script.split('\n').map((l) => `    ${l}`).join('\n')}
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = edit(item.filename, zin.read(item.filename))
        if data is not None:
            zout.writestr(item, data)
`, source, target])
}

beforeAll(async () => {
  site = await openSite()
  recordPackage = join(site.dir, 'record.zip')
  trailPackage = join(site.dir, 'trail.zip')
  await exportTo(site, 'evidence', { recordType: 'meddev.supplierQualification', recordId: site.supplierId }, recordPackage)
  await exportTo(site, 'evidence', { trail: 'data' }, trailPackage)
})
afterAll(async () => site.close())

describe('evidence package', () => {
  it('passes the exporter conformance kit (unsigned outside an installation)', async () => {
    const { output } = await exporterConformance(evidenceExporter)
    expect(Buffer.from(output.subarray(0, 2)).toString()).toBe('PK')
  })

  it('is a standard zip holding entries, proofs, records, signatures, the attachment, checkpoints, key, README and manifest', () => {
    const listing = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print("\\n".join(z.namelist()))', recordPackage], { encoding: 'utf8' })
    const names = listing.trim().split('\n')
    expect(names).toEqual(expect.arrayContaining(['README.txt', 'verifier-key.txt', 'checkpoints/data.note', 'checkpoints/system.note', 'entries/00001.jsonl', 'proofs/00001.jsonl', 'records/00001.jsonl', 'signatures/00001.jsonl', `attachments/${site.certificate}`, 'attachments.jsonl', 'record-types/meddev.supplierQualification@1.0.0.json', 'manifest.txt']))
    expect(names.at(-1)).toBe('manifest.txt')
  })

  it('verifies offline: a record-level true copy holds the record’s whole life', async () => {
    const result = await verifyEvidencePackage(recordPackage, { key: site.core.verifierKey })
    expect(result.problems).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.keySource).toBe('given')
    expect(result.checked).toMatchObject({ entries: 3, records: 2, signatures: 1, attachments: 1 })
    expect(result.manifest!.entries.data.count).toBe(3)
    const trail = await verifyEvidencePackage(trailPackage)
    expect(trail.problems).toEqual([])
    expect(trail.keySource).toBe('package')
    expect(trail.checked.records).toBe(3)
  })

  it('rebuilds the record from the package equal to the core’s versions (R-EX-03)', async () => {
    const unpacked = join(site.dir, 'unpacked')
    mkdirSync(unpacked)
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', recordPackage, unpacked])
    const lines = readFileSync(join(unpacked, 'records/00001.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    const versions = await site.core.records.versions('meddev.supplierQualification', site.supplierId)
    expect(lines.map((l) => ({ version: l.version, data: l.data }))).toEqual(versions.map((v) => ({ version: v.version, data: v.data })))
    expect(readFileSync(join(unpacked, 'attachments', site.certificate), 'utf8')).toContain('ISO 13485')
    // By hand, as README.txt says: sha256sum -c over the manifest's sum lines.
    const sums = spawnSync('sh', ['-c', "grep -E '^[0-9a-f]{64}  ' manifest.txt | sha256sum -c --strict"], { cwd: unpacked, encoding: 'utf8' })
    expect(sums.status, sums.stdout + sums.stderr).toBe(0)
    // And the README's own Python proof check, run as printed.
    const readme = readFileSync(join(unpacked, 'README.txt'), 'utf8')
    const code = readme.slice(readme.lastIndexOf('\n', readme.indexOf('import base64')) + 1, readme.indexOf('  6. ')).split('\n').map((l) => l.slice(7)).join('\n')
    const proofs = spawnSync('python3', ['-c', code], { cwd: unpacked, encoding: 'utf8' })
    expect(proofs.status, proofs.stderr).toBe(0)
  })

  it('fails, naming what failed, when one byte of an entry, a proof or the manifest changes, or an entry is removed', async () => {
    const variant = (name: string, script: string) => {
      const path = join(site.dir, `${name}.zip`)
      rewriteZip(recordPackage, path, script)
      return verifyEvidencePackage(path, { key: site.core.verifierKey })
    }
    const entryByte = await variant('entry-byte', "if name == 'entries/00001.jsonl':\n    return data.replace(b'Olivia', b'Olivio', 1)\nreturn data")
    expect(entryByte.ok).toBe(false)
    expect(entryByte.problems.join('\n')).toMatch(/entries\/00001\.jsonl was altered/)
    expect(entryByte.problems.join('\n')).toMatch(/is not in the signed tree/)

    const proofByte = await variant('proof-byte', "if name == 'proofs/00001.jsonl':\n    i = data.index(b'\"hashes\":[\"') + 11\n    return data[:i] + (b'B' if data[i:i+1] == b'A' else b'A') + data[i+1:]\nreturn data")
    expect(proofByte.ok).toBe(false)
    expect(proofByte.problems.join('\n')).toMatch(/proofs\/00001\.jsonl was altered/)

    const manifestByte = await variant('manifest-byte', "if name == 'manifest.txt':\n    return data.replace(b'records 2', b'records 3', 1)\nreturn data")
    expect(manifestByte.ok).toBe(false)
    expect(manifestByte.problems[0]).toMatch(/manifest\.txt: its signature does not verify/)

    // An entry and its proof removed, the sums rewritten: the signature no longer matches.
    const removed = await variant('removed', [
      "import hashlib",
      "if name in ('entries/00001.jsonl', 'proofs/00001.jsonl'):",
      "    lines = data.split(b'\\n')",
      "    return b'\\n'.join(lines[:1] + lines[2:])",
      "return data",
    ].join('\n'))
    expect(removed.ok).toBe(false)
    expect(removed.problems.join('\n')).toMatch(/an entry was removed/)
    expect(removed.problems.join('\n')).toMatch(/entries\/00001\.jsonl was altered/)

    // The same, with the manifest's sums rewritten to match: its signature no longer verifies.
    const rewritten = await variant('rewritten', [
      "import hashlib",
      "global sums",
      "if name in ('entries/00001.jsonl', 'proofs/00001.jsonl'):",
      "    lines = data.split(b'\\n')",
      "    data = b'\\n'.join(lines[:1] + lines[2:])",
      "    sums = globals().setdefault('sums', {})",
      "    sums[name] = hashlib.sha256(data).hexdigest()",
      "if name == 'manifest.txt':",
      "    text = data.decode()",
      "    for n, h in globals().get('sums', {}).items():",
      "        text = '\\n'.join((h + '  ' + n) if l.endswith('  ' + n) else l for l in text.split('\\n'))",
      "    return text.encode()",
      "return data",
    ].join('\n'))
    expect(rewritten.ok).toBe(false)
    expect(rewritten.problems).toEqual([expect.stringMatching(/manifest\.txt: its signature does not verify/)])
  })

  it('refuses a package checked against another installation’s key, and reports an unreadable file', async () => {
    const other = await openSite()
    try {
      const result = await verifyEvidencePackage(recordPackage, { key: other.core.verifierKey })
      expect(result.ok).toBe(false)
      expect(result.problems[0]).toMatch(/signature does not verify/)
    } finally {
      await other.close()
    }
    const junk = join(site.dir, 'junk.zip')
    writeFileSync(junk, 'not a zip')
    await expect(verifyEvidencePackage(junk)).rejects.toMatchObject({ code: 'unreadable' })
    await expect(verifyEvidencePackage(recordPackage, { key: 'not a key' })).rejects.toMatchObject({ code: 'unreadable' })
  })

  it('records the export in the system trail with its filter, format and the file’s SHA-256', async () => {
    const page = await site.core.audit.search({ trail: 'system', action: 'export', order: 'asc' })
    const entries = page.entries.map((e) => JSON.parse(e.json))
    expect(entries).toHaveLength(2)
    expect(entries[0]).toMatchObject({ actor: { username: 'quinn', role: 'qa' }, details: { format: 'evidence', filter: { recordType: 'meddev.supplierQualification', recordId: site.supplierId }, outcome: 'completed', sha256: createHash('sha256').update(readFileSync(recordPackage)).digest('hex') } })
  })
})
