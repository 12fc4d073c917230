/**
 * Placeholders a declarative rule's message may use. `field.label`, `old` and `new` are those of
 * the first matching field change; `changes` lists every matching change as “label”: old → new.
 */
export const PLACEHOLDERS = [
  'actor',
  'actor.displayName',
  'actor.username',
  'actor.role',
  'action',
  'record',
  'recordType',
  'field.label',
  'old',
  'new',
  'changes',
  'reason',
  'time',
  'count',
  'window',
  'user',
  'source.system',
  'source.user',
  'client.ip',
  'seq',
] as const

export type Placeholder = (typeof PLACEHOLDERS)[number] | `details.${string}`

/** A message template split into literal text and placeholders. */
export type TemplatePart = string | { name: Placeholder }

const TOKEN = /\{([A-Za-z][\w.]*)\}/g
const KNOWN = new Set<string>(PLACEHOLDERS)

function isPlaceholder(name: string): name is Placeholder {
  return KNOWN.has(name) || /^details\.[A-Za-z_]\w*$/.test(name)
}

/** The unknown placeholders of a template (empty when it is fine). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(TOKEN)].map((m) => m[1]!).filter((name) => !isPlaceholder(name))
}

/** Splits a template once, at compile time; unknown placeholders stay literal text. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = []
  let last = 0
  for (const m of template.matchAll(TOKEN)) {
    const name = m[1]!
    if (!isPlaceholder(name)) continue
    if (m.index > last) parts.push(template.slice(last, m.index))
    parts.push({ name })
    last = m.index + m[0].length
  }
  if (last < template.length) parts.push(template.slice(last))
  return parts
}

/** Fills a parsed template; `value` answers each placeholder. */
export function fillTemplate(parts: readonly TemplatePart[], value: (name: Placeholder) => string): string {
  let out = ''
  for (const part of parts) out += typeof part === 'string' ? part : value(part.name)
  return out
}
