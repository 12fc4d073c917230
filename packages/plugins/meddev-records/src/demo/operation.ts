/** A reason for change as the core accepts it: a predefined code, free text, or both. */
export interface DemoReason {
  code?: string
  text?: string
}

/**
 * One write of the demo data, for the CLI's `demo seed`. `key` is the generator's own name for
 * a record; the caller maps it to the id the core assigns and keeps track of versions. An update
 * carries the whole new data (the core diffs). Reference fields hold `ref:<key>` until the caller
 * resolves them with {@link resolveDemoRefs}.
 */
export type DemoOperation =
  | { op: 'create'; type: string; key: string; data: Record<string, unknown>; attachments?: DemoAttachment[] }
  | { op: 'update'; type: string; key: string; data: Record<string, unknown>; reason?: DemoReason; attachments?: DemoAttachment[]; requires?: DemoPrerequisites }
  | { op: 'delete'; type: string; key: string; reason: DemoReason }

/**
 * A file the caller uploads (`POST /api/v1/attachments` or the core's attachment service) before
 * writing the record whose data refers to it by `sha256`.
 */
export interface DemoAttachment {
  sha256: string
  filename: string
  mediaType: string
  content: string
}

/**
 * What a lifecycle transition needs before the update (the core enforces it): signatures with
 * these meanings on the current version, and a completed audit-trail review of the record.
 */
export interface DemoPrerequisites {
  signatures: ('authorship' | 'review' | 'approval' | 'responsibility')[]
  review: boolean
}
