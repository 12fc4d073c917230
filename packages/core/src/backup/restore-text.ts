import type { Manifest } from './manifest.js'

/**
 * RESTORE.txt: how to restore a set by hand with `age`, `zstd`, `sha256sum` and `sqlite3` alone,
 * decades from now, without Veritrail.
 */
export function restoreText(m: Manifest): string {
  const wal = m.objects.filter((o) => o.role === 'wal')
  const lines = [
    `Veritrail backup set ${m.id}`,
    `Installation ${m.installId} (epoch ${m.epoch}), made ${m.createdAt} by Veritrail ${m.coreVersion}.`,
    `Kind: ${m.kind}${m.kind === 'full' ? ` (the database as it was at chain position ${m.position.to})` : ` (WAL segments ${m.position.from + 1} to ${m.position.to}; it continues set ${m.previous}, base ${m.base})`}.`,
    `Audit trails at this point: data ${m.trails.data.size} entries (root ${m.trails.data.rootHash}), system ${m.trails.system.size} entries (root ${m.trails.system.rootHash}).`,
    '',
    'Every file except SHA256SUMS, RESTORE.txt and checkpoints.txt is encrypted with age',
    '(https://age-encryption.org) to the site key VERITRAIL_DATA/keys/backup.agekey and any escrow key.',
    'Files ending in .zst are Zstandard-compressed before encryption. checkpoints.txt holds signed',
    'checkpoints of both audit trails at this point (C2SP signed notes).',
    '',
    '1. Check the files: run in this folder (attachments live in ../../attachments/)',
    '     sha256sum -c SHA256SUMS',
    '',
    '2. Decrypt (KEY is backup.agekey or the escrow identity file):',
    '     age -d -i KEY manifest.json.age > manifest.json',
    '     mkdir -p restored/keys restored/attachments',
    '     for k in keys/*.age; do age -d -i KEY -o restored/keys/$(basename "$k" .age) "$k"; done',
    '',
    '3. Rebuild the database. A full set:',
    '     age -d -i KEY database.sqlite.zst.age | zstd -d > restored/veritrail.db',
    '   An incremental set needs its base (a full set of the same generation) restored first, then',
    '   every incremental set from the base up to this one, oldest first; inside each, every WAL',
    '   segment in name order:',
    '     for s in wal/*.wal.zst.age; do',
    '       age -d -i KEY "$s" | zstd -d > restored/veritrail.db-wal',
    "       sqlite3 restored/veritrail.db 'PRAGMA wal_checkpoint(TRUNCATE);'",
    '     done',
    ...(wal.length
      ? [`   This set holds ${wal.length} segment(s): ${wal.map((o) => o.path).join(', ')}.`]
      : []),
    '   Stopping after any segment restores the database as it was at that point.',
    '',
    '4. Attachments: for every ../../attachments/<sha256>.zst.age listed in manifest.json,',
    '     age -d -i KEY ../../attachments/<sha256>.zst.age | zstd -d > restored/attachments/<first two hex digits>/<sha256>',
    '   and check that sha256sum of the result is <sha256>.',
    '',
    '5. Check the database and the audit trails:',
    "     sqlite3 restored/veritrail.db 'PRAGMA integrity_check;'",
    '     npx veritrail verify --data restored --checkpoint checkpoints.txt',
    '   (`veritrail backup restore` does all of this, and starts a new epoch when the point is older',
    '   than the latest published checkpoint.)',
    '',
  ]
  return lines.join('\n')
}
