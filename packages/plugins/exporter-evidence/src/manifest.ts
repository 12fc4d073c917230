import { MANIFEST_HEADER, VeritrailError, type Trail } from '@veritrail/core'
import type { PackageFile } from './zip-writer.js'

/** Sequence numbers as sorted runs: `[[1, 20], [25, 25]]` is `1-20,25`. */
export type SeqRuns = [number, number][]

/** What a package holds and where it comes from, as its signed manifest states it. */
export interface Manifest {
  installId: string
  generatedAt: string
  requestedBy: string
  locale: string
  /** The export filter, as canonical JSON. */
  filter: string
  checkpoints: Record<Trail, { size: number; rootHash: string }>
  entries: Record<Trail, { count: number; runs: SeqRuns }>
  records: number
  signatures: number
  attachments: number
  files: PackageFile[]
}

export const MANIFEST_FILE = 'manifest.txt'
const TRAILS: Trail[] = ['data', 'system']

/** Adds `seq` to sorted runs (seqs arrive in increasing order per trail). */
export function addSeq(runs: SeqRuns, seq: number): void {
  const last = runs.at(-1)
  if (last && last[1] + 1 === seq) last[1] = seq
  else runs.push([seq, seq])
}

/**
 * The manifest's text: one fact per line, then one `sha256sum` line per file (`<hex>  <name>`,
 * so `sha256sum -c` checks them as they are). Free text is JSON-quoted so a name can never break
 * a line. The core signs it as a C2SP signed note.
 */
export function formatManifest(m: Manifest): string {
  const runs = (r: SeqRuns) => (r.length === 0 ? '-' : r.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(','))
  const lines = [
    MANIFEST_HEADER,
    `install ${m.installId}`,
    `generated ${m.generatedAt}`,
    `requested-by ${JSON.stringify(m.requestedBy)}`,
    `locale ${m.locale}`,
    `filter ${m.filter}`,
    ...TRAILS.map((t) => `checkpoint ${t} ${m.checkpoints[t].size} ${m.checkpoints[t].rootHash || '-'}`),
    ...TRAILS.map((t) => `entries ${t} ${m.entries[t].count} ${runs(m.entries[t].runs)}`),
    `records ${m.records}`,
    `signatures ${m.signatures}`,
    `attachments ${m.attachments}`,
    ...m.files.map((f) => `${f.sha256}  ${f.name}`),
  ]
  return lines.join('\n') + '\n'
}

/**
 * Reads a manifest's text back (the signature is checked before, by the caller).
 *
 * @throws VeritrailError `verification_failed` naming the line that does not read as expected.
 */
export function parseManifest(text: string): Manifest {
  const lines = text.replace(/\n$/, '').split('\n')
  let at = 0
  const take = (key: string): string => {
    const line = lines[at++] ?? ''
    if (!line.startsWith(`${key} `)) bad(`line ${at} should start with “${key}”`)
    return line.slice(key.length + 1)
  }
  if (lines[at++] !== MANIFEST_HEADER) bad(`its first line is not “${MANIFEST_HEADER}”`)
  const installId = take('install')
  const generatedAt = take('generated')
  const requestedBy = JSON.parse(take('requested-by')) as string
  const locale = take('locale')
  const filter = take('filter')
  const checkpoints = {} as Manifest['checkpoints']
  for (const t of TRAILS) {
    const [trail, size, root] = take('checkpoint').split(' ')
    if (trail !== t || !/^\d+$/.test(size ?? '')) bad(`the checkpoint line of the ${t} trail is malformed`)
    checkpoints[t] = { size: Number(size), rootHash: root === '-' ? '' : (root ?? '') }
  }
  const entries = {} as Manifest['entries']
  for (const t of TRAILS) {
    const [trail, count, runs] = take('entries').split(' ')
    if (trail !== t || !/^\d+$/.test(count ?? '')) bad(`the entries line of the ${t} trail is malformed`)
    entries[t] = { count: Number(count), runs: parseRuns(runs ?? '') }
  }
  const count = (key: string) => {
    const n = take(key)
    if (!/^\d+$/.test(n)) bad(`the ${key} count is not a number`)
    return Number(n)
  }
  const records = count('records')
  const signatures = count('signatures')
  const attachments = count('attachments')
  const files: PackageFile[] = []
  for (; at < lines.length; at++) {
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(lines[at]!)
    if (!match) bad(`line ${at + 1} is not “<sha256>  <file>”`)
    files.push({ sha256: match[1]!, name: match[2]!, size: -1 })
  }
  return { installId, generatedAt, requestedBy, locale, filter, checkpoints, entries, records, signatures, attachments, files }
}

function parseRuns(text: string): SeqRuns {
  if (text === '-') return []
  return text.split(',').map((part) => {
    const [a, b = a] = part.split('-')
    if (!/^\d+$/.test(a ?? '') || !/^\d+$/.test(b ?? '')) bad(`the sequence numbers “${part}” are malformed`)
    return [Number(a), Number(b)] as [number, number]
  })
}

function bad(problem: string): never {
  throw new VeritrailError('verification_failed', `The manifest is malformed: ${problem}.`)
}
