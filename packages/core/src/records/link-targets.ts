import type { JsonValue } from '../canonical/canonical-json.js'
import type { FieldDefinition, RecordTypeDefinition } from '../extension/record-type.js'

export interface Links {
  /** Records the data refers to, with the path of the field (`data.recipe`, `data.lots[0]`). */
  refs: { path: string; type: string; id: string }[]
  /** Attachments the data refers to. */
  blobs: { path: string; sha256: string }[]
}

/** The records and attachments a record's data refers to: top-level fields and the `columns` of lists and objects. */
export function collectLinks(type: RecordTypeDefinition, data: Record<string, JsonValue>): Links {
  const links: Links = { refs: [], blobs: [] }
  const visit = (def: FieldDefinition | undefined, value: JsonValue | undefined, path: string) => {
    if (!def || value === undefined || value === null) return
    if (def.kind === 'reference' && def.references && typeof value === 'string') links.refs.push({ path, type: def.references, id: value })
    else if (def.kind === 'attachment' && typeof value === 'string') links.blobs.push({ path, sha256: value })
    else if (def.kind === 'list' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (def.columns && typeof item === 'object' && item !== null && !Array.isArray(item)) {
          for (const [k, col] of Object.entries(def.columns)) visit(col, item[k], `${path}[${i}].${k}`)
        } else if (def.references && typeof item === 'string') links.refs.push({ path: `${path}[${i}]`, type: def.references, id: item })
      })
    } else if (def.kind === 'object' && def.columns && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, col] of Object.entries(def.columns)) visit(col, value[k], `${path}.${k}`)
    }
  }
  for (const [field, def] of Object.entries(type.fields)) visit(def, data[field], `data.${field}`)
  return links
}

/** The distinct records a record links to (a review of a batch covers them too). */
export function linkedRecords(type: RecordTypeDefinition, data: Record<string, JsonValue>): { type: string; id: string }[] {
  const seen = new Set<string>()
  return collectLinks(type, data)
    .refs.map(({ type: t, id }) => ({ type: t, id }))
    .filter((r) => !seen.has(`${r.type}/${r.id}`) && seen.add(`${r.type}/${r.id}`))
}
