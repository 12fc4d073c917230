/** README.txt of a record archive package: how to read it with standard tools alone. */
export function archiveReadme(a: {
  archiveId: string
  records: { type: string; id: string }[]
  entries: number
  origin: string
  size: number
  rootHash: string
}): string {
  return [
    `Veritrail record archive ${a.archiveId}`,
    '',
    `Records: ${a.records.map((r) => `${r.type} ${r.id}`).join(', ')}`,
    `Audit-trail entries: ${a.entries}, each with an inclusion proof in the data trail of ${a.origin}`,
    `at tree size ${a.size}, root ${a.rootHash} (checkpoint.txt, signed by the key in verifier-key.txt).`,
    '',
    'Files',
    '  archive.sqlite    SQLite 3 database (rollback journal, no extensions): tables archive (metadata),',
    '                    record_types, record_versions (every version; data is canonical JSON),',
    '                    entries (the exact hashed bytes of each entry), proofs, signatures.',
    '  entries.csv       the entries as RFC 4180 CSV, for people and spreadsheets.',
    '  checkpoint.txt    the signed checkpoint (C2SP signed note, Ed25519).',
    '  verifier-key.txt  the key that signed it (signed-note verifier key).',
    '  SHA256SUMS        SHA-256 of every other file.',
    '',
    'Read it without Veritrail',
    '  age -d -i KEY archive.tar.age | tar -x && cd veritrail-archive-*',
    '  sha256sum -c SHA256SUMS',
    "  sqlite3 archive.sqlite 'SELECT record_type, record_id, version, ts, data FROM record_versions;'",
    '',
    'Check the evidence by hand',
    '  leaf hash of an entry  = SHA-256(0x00 || bytes)              (RFC 6962; equals entries.leaf_hash)',
    '  node hash              = SHA-256(0x01 || left || right)',
    '  proofs.hashes is the RFC 9162 inclusion proof of leaf index seq-1 in a tree of tree_size leaves;',
    '  the root it yields must equal the root hash in checkpoint.txt.',
    '  A version is the one its entry recorded when SHA-256 of RFC 8785 JSON {type, id, version, data}',
    '  equals the entry’s target.recordHash; signatures bind record_hash the same way.',
    '',
    'Import into a Veritrail installation (kept read-only beside the trails, never appended to them):',
    '  npx veritrail archive import archive.tar.age',
    '',
  ].join('\n')
}
