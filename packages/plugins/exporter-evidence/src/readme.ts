import type { ExportMeta } from '@veritrail/core'

/** README.txt of a package: what is in it and how to check it by hand, without Veritrail. */
export function readme(meta: ExportMeta, signed: boolean): string {
  return `VERITRAIL EVIDENCE PACKAGE
==========================

Installation:  ${meta.installId}
Produced:      ${meta.generatedAt} (UTC; site time zone ${meta.timeZone})
Requested by:  ${meta.requestedBy ?? '-'}
Scope:         ${JSON.stringify(meta.filter ?? {})}
${signed ? '' : '\nWARNING: this package was produced outside a Veritrail installation. Its manifest is NOT\nsigned, so nothing in it can be taken as evidence.\n'}
WHAT IS IN IT
  manifest.txt           What the package covers, and the SHA-256 of every other file. It is a
                         signed note (C2SP signed-note): the text, a blank line, then a line
                         "— <key name> <base64 signature>" made with the installation's
                         checkpoint key. It names the trails and the exact sequence numbers
                         covered, so removing an entry and rewriting the sums is detected.
  verifier-key.txt       The installation's public checkpoint key. Do not trust the copy in the
                         package alone: compare it with the key your administrator published.
  checkpoints/<trail>.note  Signed tree heads (C2SP tlog-checkpoint) the package was cut from:
                         origin "<installation>/<trail>", tree size, base64 root hash.
  entries/NNNNN.jsonl    Audit-trail entries, one per line, EXACTLY the bytes Veritrail stored and
                         hashed (RFC 8785 canonical JSON), in commit order.
  proofs/NNNNN.jsonl     For line i of entries/NNNNN.jsonl, line i here: its RFC 9162 inclusion
                         proof {trail, seq, treeSize, hashes} in the checkpoint of its trail.
  records/NNNNN.jsonl    Record versions written by the entries, with recordHash = hex
                         SHA-256 of RFC 8785 {type, id, version, data}: the same hash the entry
                         that wrote the version carries in target.recordHash.
  signatures/NNNNN.jsonl Electronic signatures made by the "sign" entries (meaning, printed
                         name, role, time and zone, the recordHash of the signed version).
  record-types/*.json    Record-type definitions as stored (field labels, units, reasons).
  attachments/<sha256>   Attached files, each named by its SHA-256; attachments.jsonl lists
                         their media types and file names.

CHECK IT WITH VERITRAIL (no server, no database)
  npx veritrail verify-package <file.zip> --key '<published verifier key>'
  Exit 0: intact. 1: tampered (it names what failed). 2: unreadable. Without --key it checks
  against verifier-key.txt and prints that key's fingerprint for you to compare.

CHECK IT BY HAND
  1. Unpack:             unzip <file.zip> -d pkg && cd pkg
  2. The file sums:      grep -E '^[0-9a-f]{64}  ' manifest.txt | sha256sum -c
     Every file but manifest.txt must be listed, and every listed file must be "OK".
  3. The signatures of manifest.txt and checkpoints/*.note: Ed25519 over the note text (all
     lines up to and including the one before the blank line). The signature line's base64
     decodes to a 4-byte key id followed by the 64-byte signature; the verifier key is
     <name>+<key id hex>+base64(0x01 ‖ 32-byte public key). Go's golang.org/x/mod/sumdb/note
     (note.Open) checks both.
  4. The checkpoint lines of manifest.txt must equal the size and root hash in
     checkpoints/<trail>.note, and the "entries" lines must list exactly the sequence numbers
     found in entries/*.jsonl.
  5. Each entry is in the signed tree: leaf hash = SHA-256(0x00 ‖ the line's bytes without the
     newline); folding the proof's hashes (RFC 9162 section 2.1.3.2) must give the checkpoint's
     root hash. In Python 3:

       import base64, hashlib, json
       def h(*parts): return hashlib.sha256(b''.join(parts)).digest()
       def verify(line, proof, root):
           node, fn, sn = h(b'\\x00', line), proof['seq'] - 1, proof['treeSize'] - 1
           for p in map(base64.b64decode, proof['hashes']):
               if sn == 0: return False
               if fn % 2 == 1 or fn == sn:
                   node = h(b'\\x01', p, node)
                   while fn % 2 == 0 and fn != 0: fn, sn = fn >> 1, sn >> 1
               else:
                   node = h(b'\\x01', node, p)
               fn, sn = fn >> 1, sn >> 1
           return sn == 0 and node == base64.b64decode(root)

       for n in ['00001']:  # every segment
           for line, proof in zip(open(f'entries/{n}.jsonl', 'rb'), open(f'proofs/{n}.jsonl')):
               proof = json.loads(proof)
               note = open(f"checkpoints/{proof['trail']}.note").read().split('\\n')
               assert verify(line.rstrip(b'\\n'), proof, note[2]), proof['seq']

  6. Each record version's recordHash must be the SHA-256 of the RFC 8785 canonical JSON of
     {"type", "id", "version", "data"}, and equal target.recordHash of the entry whose seq it
     names; each signature's recordHash must equal that of the version it signed.
`
}
