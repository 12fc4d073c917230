import type { ActionContext, AttachmentService, RecordService } from '@veritrail/core'
import type { DemoOperation } from './operation.js'
import { resolveDemoRefs } from './refs.js'

/** Where demo operations are written: the core's record and attachment services. */
export interface DemoTarget {
  records: Pick<RecordService, 'create' | 'update' | 'delete' | 'type'>
  attachments: Pick<AttachmentService, 'put'>
}

/** What a run of demo operations has learnt: the ids and current versions of its records. */
export interface DemoState {
  ids: Map<string, string>
  versions: Map<string, number>
}

export function newDemoState(): DemoState {
  return { ids: new Map(), versions: new Map() }
}

/**
 * Writes one demo operation through the core: uploads its attachments, resolves `ref:` keys to
 * ids, and keeps `baseVersion`s. `ctx(role)` gives the acting person; deletes act in the first
 * role the record type allows to delete. Returns the data-trail seq written.
 */
export async function applyDemoOperation(
  target: DemoTarget,
  op: DemoOperation,
  state: DemoState,
  ctx: (role: string) => ActionContext,
): Promise<number> {
  const idOf = (key: string) => {
    const id = state.ids.get(key)
    if (!id) throw new Error(`demo: no id yet for ${key}`)
    return id
  }
  if (op.op !== 'delete') {
    for (const file of op.attachments ?? []) {
      await target.attachments.put(Buffer.from(file.content), { mediaType: file.mediaType, filename: file.filename }, ctx('operator'))
    }
  }
  if (op.op === 'create') {
    const result = await target.records.create(op.type, resolveDemoRefs(op.data, idOf), ctx('operator'))
    state.ids.set(op.key, result.id)
    state.versions.set(op.key, result.version)
    return result.seq
  }
  if (op.op === 'update') {
    const input = { data: resolveDemoRefs(op.data, idOf), baseVersion: state.versions.get(op.key)!, ...(op.reason ? { reason: op.reason } : {}) }
    const result = await target.records.update(op.type, idOf(op.key), input, ctx('operator'))
    state.versions.set(op.key, result.version)
    return result.seq
  }
  const role = target.records.type(op.type).deletable?.roles[0] ?? 'operator'
  const result = await target.records.delete(op.type, idOf(op.key), { reason: op.reason }, ctx(role))
  state.versions.set(op.key, result.version)
  return result.seq
}
