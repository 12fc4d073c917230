import * as v from 'valibot'
import type { LocalizedText } from './i18n.js'

/**
 * Why a field is critical (ARCHITECTURE §2.9): a critical quality attribute, a critical process
 * parameter, a critical material attribute, or any other GMP-relevant field. Changing one needs
 * a reason.
 */
export type Criticality = 'CQA' | 'CPP' | 'CMA' | 'GMP'

/** How a field is presented and compared; validation itself is the valibot schema's job. */
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'integer'
  | 'number'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'reference'
  | 'attachment'
  | 'list'
  | 'object'

export interface FieldDefinition {
  label: LocalizedText
  description?: LocalizedText
  kind: FieldKind
  /** Critical fields need a reason to change (and show in review by exception). */
  critical?: Criticality
  /** Unit of a measured value (`decimal`/`number`), e.g. `min`, `°C`, `kPa`. */
  unit?: string
  /** For `reference` (or a `list` of references): the record type id referred to. */
  references?: string
  /** For `enum`: the allowed values with labels. */
  options?: { value: string; label: LocalizedText }[]
  /**
   * The validated or specified range of a measured value (decimal strings), shown to reviewers
   * and available to exception rules to flag out-of-specification results. It is NOT an input
   * limit: a deviation must be recordable. Hard instrument limits belong in the schema.
   */
  range?: { min?: string; max?: string }
  /** For `list` (of objects) and `object` fields: the definition of each nested field. */
  columns?: Record<string, FieldDefinition>
}

/** A predefined reason for change (R-RC-02). `requiresText` makes free text mandatory ("Other"). */
export interface ReasonDefinition {
  code: string
  label: LocalizedText
  requiresText?: boolean
}

/** Electronic-signature meanings (Part 11 §11.50, CONTRACT §6). */
export type SignatureMeaning = 'authorship' | 'review' | 'approval' | 'responsibility'

export interface LifecycleState {
  id: string
  label: LocalizedText
  /**
   * `true`: the record is read-only in this state (R-AR-04). `'change-control'`: edits need a
   * change-control reference and a second person's approval (R-RC-04).
   */
  locks?: boolean | 'change-control'
}

export interface LifecycleTransition {
  from: string
  to: string
  label: LocalizedText
  /** Signatures the current version must carry before this transition is allowed. */
  signatures?: SignatureMeaning[]
  /** The transition needs a completed audit-trail review of the record (R-RV-01). */
  requiresReview?: boolean
  /** Roles allowed to perform it (default: any role that may modify the record). */
  roles?: string[]
}

/** States and transitions of a record (R-DM-06); `field` holds the state in the record's data. */
export interface LifecycleDefinition {
  field: string
  initial: string
  states: LifecycleState[]
  transitions: LifecycleTransition[]
}

/** How long a record is kept: years from creation or from a date field (R-AR-01). */
export interface RetentionDefinition {
  years: number
  from: 'created' | { field: string }
  description?: LocalizedText
}

/**
 * A record type contributed by a plugin. Everything except `schema` is plain data and is stored
 * in the database with the first record written under this version, so records stay legible
 * after the plugin is upgraded or removed (ARCHITECTURE §2.8).
 */
export interface RecordTypeDefinition<
  TSchema extends v.GenericSchema<Record<string, unknown>> = v.GenericSchema<Record<string, unknown>>,
> {
  /** Stable id, `<pack>.<name>`, e.g. `meddev.batch`. */
  id: string
  /** Semantic version of this definition; bump it for any change. */
  version: string
  title: LocalizedText
  description?: LocalizedText
  /** Validates a record's `data` (the whole object). */
  schema: TSchema
  /** One entry per top-level field of the schema, in display order. */
  fields: Record<string, FieldDefinition>
  reasons: ReasonDefinition[]
  lifecycle?: LifecycleDefinition
  retention?: RetentionDefinition
  /** A display summary template, e.g. `{batchNumber} · {product}`. */
  summary?: string
  /** Whether records may be deleted (tombstoned), and by which roles (default: not deletable). */
  deletable?: { roles: string[] }
  /** Fields whose value must be unique among live records of this type (serial numbers, UDI). */
  unique?: string[]
}

export type RecordData<T extends RecordTypeDefinition> = v.InferOutput<T['schema']>

const RECORD_TYPE = Symbol.for('veritrail.recordType')

/**
 * Declares a record type. Returns the definition, frozen and tagged, with types inferred from
 * the schema.
 *
 * @example
 * export const batch = defineRecordType({
 *   id: 'meddev.batch', version: '1.0.0',
 *   title: { en: 'Production batch', 'zh-CN': '生产批次' },
 *   schema: v.object({ batchNumber: v.string(), sterilisationMinutes: decimal() }),
 *   fields: {
 *     batchNumber: { kind: 'text', label: { en: 'Batch number', 'zh-CN': '批号' } },
 *     sterilisationMinutes: { kind: 'decimal', unit: 'min', critical: 'CPP',
 *       label: { en: 'Sterilisation time', 'zh-CN': '灭菌时间' } },
 *   },
 *   reasons: [{ code: 'typo', label: { en: 'Typing error', 'zh-CN': '录入错误' } }],
 * })
 */
export function defineRecordType<T extends RecordTypeDefinition>(definition: T): T {
  return Object.freeze({ ...definition, [RECORD_TYPE]: true })
}

export function isRecordType(value: unknown): value is RecordTypeDefinition {
  return typeof value === 'object' && value !== null && RECORD_TYPE in value
}

/** A measured value whose significant digits matter: a decimal string (`"5.10"` ≠ `"5.1"`). */
export function decimal(message = 'Enter a decimal number such as 12.50, written with a dot.') {
  return v.pipe(v.string(), v.regex(/^-?(0|[1-9]\d*)(\.\d+)?$/, message))
}

/**
 * A reference to another record: its id (a UUID). Declare the target with `references` on the
 * field; the core refuses a reference to a record that does not exist or was deleted.
 */
export function reference(message = 'Choose an existing record.') {
  return v.pipe(v.string(), v.uuid(message))
}

/**
 * An attachment: the SHA-256 (hex) of a blob uploaded with `POST /api/v1/attachments`, which
 * keeps its name, media type and size. The core refuses a hash it does not hold.
 */
export function attachment(message = 'Upload the file first; this is its SHA-256.') {
  return v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, message))
}

/** Where record types come from: the plugin host in the server, a fixed list in tests. */
export interface RecordTypeRegistry {
  get(id: string): RecordTypeDefinition | undefined
  list(): RecordTypeDefinition[]
}

/** A registry over a fixed list (tests, CLI demo). */
export function staticRegistry(types: RecordTypeDefinition[]): RecordTypeRegistry {
  const byId = new Map(types.map((t) => [t.id, t]))
  return { get: (id) => byId.get(id), list: () => [...byId.values()] }
}
