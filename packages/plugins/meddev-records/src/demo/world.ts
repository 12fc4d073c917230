import type { RecordTypeDefinition } from '@veritrail/core'
import { createHash } from 'node:crypto'
import type { DemoAttachment, DemoOperation, DemoPrerequisites, DemoReason } from './operation.js'
import { Plant } from './plant.js'
import { Random } from './prng.js'

type Data = Record<string, unknown>

/** A record as the generator last wrote it (references still as `ref:<key>`). */
export interface DemoRecord {
  key: string
  type: RecordTypeDefinition
  data: Data
  deleted: boolean
}

/** One step of a plant process: yields writes, may run for many steps. */
export type DemoProcess = Generator<DemoOperation, void>

const SITE_OFFSET_MS = 8 * 3_600_000
const START = Date.parse('2024-01-02T00:30:00Z')

/**
 * The generator's memory: a simulated clock at a site in UTC+08:00, the records written so far
 * and counters for document numbers. Every write goes through `create`/`update`/`remove`, which
 * check what the core (and the coming lifecycle guard) will check, so a bug shows up here.
 */
export class DemoWorld {
  readonly random: Random
  readonly plant = new Plant()
  #now = START
  readonly #records = new Map<string, DemoRecord>()
  readonly #byType = new Map<string, string[]>()
  readonly #counters = new Map<string, number>()
  readonly #spawned: DemoProcess[] = []
  #files: DemoAttachment[] = []

  constructor(seed: number) {
    this.random = new Random(seed)
  }

  get now(): number {
    return this.#now
  }

  /** Moves the simulated clock forward. */
  advance(minutes: number): void {
    this.#now += Math.round(minutes * 60_000)
  }

  /** Site-local ISO 8601 with offset, `minutes` from now. */
  datetime(minutes = 0): string {
    return siteDateTime(this.#now + minutes * 60_000)
  }

  /** The site-local calendar date, `days` from today. */
  date(days = 0): string {
    return new Date(this.#now + days * 86_400_000 + SITE_OFFSET_MS).toISOString().slice(0, 10)
  }

  /** The next number of a series (1, 2, 3, …). */
  next(series: string): number {
    const n = (this.#counters.get(series) ?? 0) + 1
    this.#counters.set(series, n)
    return n
  }

  get(key: string): DemoRecord {
    const record = this.#records.get(key)
    if (!record) throw new Error(`demo: no record ${key}`)
    return record
  }

  /** Keys of the live records of a type, oldest first, optionally filtered. */
  keys(type: RecordTypeDefinition, filter: (data: Data) => boolean = () => true): string[] {
    return (this.#byType.get(type.id) ?? []).filter((key) => {
      const record = this.#records.get(key)!
      return !record.deleted && filter(record.data)
    })
  }

  /** The newest `count` live records of a type that pass `filter`. */
  recent(
    type: RecordTypeDefinition,
    count: number,
    filter: (data: Data) => boolean = () => true,
  ): string[] {
    const out: string[] = []
    const keys = this.#byType.get(type.id) ?? []
    for (let i = keys.length - 1; i >= 0 && out.length < count; i--) {
      const record = this.#records.get(keys[i]!)!
      if (!record.deleted && filter(record.data)) out.push(record.key)
    }
    return out
  }

  /** True when the record's lifecycle state makes it read-only. */
  isLocked(key: string): boolean {
    const { type, data } = this.get(key)
    const lifecycle = type.lifecycle
    return lifecycle
      ? Boolean(lifecycle.states.find((s) => s.id === data[lifecycle.field])?.locks)
      : false
  }

  /**
   * A document for an attachment field: returns its SHA-256 and hands the file to the next
   * `create`/`update`, whose caller uploads it before writing the record.
   */
  file(kind: string, text: string): string {
    const n = this.next(`file:${kind}`)
    const content = `${text}\nDemo document ${kind} #${n}, ${this.date()}, ${this.random.hex(8)}\n`
    const sha256 = createHash('sha256').update(content).digest('hex')
    this.#files.push({ sha256, filename: `${kind}-${n}.txt`, mediaType: 'text/plain; charset=utf-8', content })
    return sha256
  }

  #takeFiles(): { attachments?: DemoAttachment[] } {
    if (this.#files.length === 0) return {}
    const attachments = this.#files
    this.#files = []
    return { attachments }
  }

  create(type: RecordTypeDefinition, data: Data): DemoOperation & { op: 'create' } {
    const key = `${type.id.slice('meddev.'.length)}-${this.next(`key:${type.id}`)}`
    const lifecycle = type.lifecycle
    if (lifecycle && data[lifecycle.field] !== lifecycle.initial)
      throw new Error(`demo: ${key} must start as ${lifecycle.initial}`)
    this.#records.set(key, { key, type, data, deleted: false })
    this.#byType.set(type.id, [...(this.#byType.get(type.id) ?? []), key])
    return { op: 'create', type: type.id, key, data, ...this.#takeFiles() }
  }

  /** The whole new data of `key` after applying `patch` (an `undefined` value removes a field). */
  update(key: string, patch: Data, reason?: DemoReason): DemoOperation & { op: 'update' } {
    const record = this.get(key)
    const data = merge(record.data, patch)
    checkUpdate(record, data, reason)
    const requires = prerequisites(record, data)
    record.data = data
    return {
      op: 'update',
      type: record.type.id,
      key,
      data,
      ...(reason ? { reason } : {}),
      ...this.#takeFiles(),
      ...(requires ? { requires } : {}),
    }
  }

  remove(key: string, reason: DemoReason): DemoOperation & { op: 'delete' } {
    const record = this.get(key)
    if (!record.type.deletable) throw new Error(`demo: ${record.type.id} records cannot be deleted`)
    record.deleted = true
    return { op: 'delete', type: record.type.id, key, reason }
  }

  /** Starts another process alongside the running ones (a CAPA after an aborted batch, …). */
  spawn(process: DemoProcess): void {
    this.#spawned.push(process)
  }

  takeSpawned(): DemoProcess[] {
    return this.#spawned.splice(0)
  }
}

/** A moment as the site writes it: ISO 8601, seconds, offset +08:00. */
export function siteDateTime(ms: number): string {
  return `${new Date(ms + SITE_OFFSET_MS).toISOString().slice(0, 19)}+08:00`
}

function merge(data: Data, patch: Data): Data {
  const out: Data = { ...data }
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) delete out[field]
    else out[field] = value
  }
  return out
}

/** The signatures and review the lifecycle transition of this update needs, if any. */
function prerequisites(record: DemoRecord, data: Data): DemoPrerequisites | undefined {
  const lifecycle = record.type.lifecycle
  if (!lifecycle) return undefined
  const from = record.data[lifecycle.field]
  const to = data[lifecycle.field]
  if (from === to) return undefined
  const t = lifecycle.transitions.find((tr) => tr.from === from && tr.to === to)
  if (!t?.signatures?.length && !t?.requiresReview) return undefined
  return { signatures: [...(t.signatures ?? [])], review: t.requiresReview === true }
}

/** The checks the core and the lifecycle guard apply, as programming errors of the generator. */
function checkUpdate(record: DemoRecord, data: Data, reason: DemoReason | undefined): void {
  const before = record.data
  const changed = [...new Set([...Object.keys(before), ...Object.keys(data)])].filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(data[field]),
  )
  if (changed.length === 0) throw new Error(`demo: update of ${record.key} changes nothing`)
  if (record.deleted) throw new Error(`demo: ${record.key} was deleted`)
  const lifecycle = record.type.lifecycle
  if (lifecycle) {
    const from = before[lifecycle.field]
    const to = data[lifecycle.field]
    if (from !== to && !lifecycle.transitions.some((t) => t.from === from && t.to === to)) {
      throw new Error(`demo: ${record.key} cannot move from ${String(from)} to ${String(to)}`)
    }
    const locked = lifecycle.states.find((s) => s.id === from)?.locks
    if (locked && changed.some((field) => field !== lifecycle.field))
      throw new Error(`demo: ${record.key} is locked`)
  }
  if (!reason && changed.some((field) => record.type.fields[field]?.critical)) {
    throw new Error(
      `demo: ${record.key} changes critical fields (${changed.join(', ')}) without a reason`,
    )
  }
}
