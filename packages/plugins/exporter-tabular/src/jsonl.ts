import { defineExporter } from '@veritrail/core'

/**
 * JSON Lines (R-EX-08): one entry per line exactly as stored and hashed, with `leafHash`
 * (base64) added as the last member, as `GET /api/v1/audit` serves it. Each line validates
 * against `schema/entry.v1.schema.json`; the stored bytes are the line without that member.
 * Record versions in the stream are not part of this format (the evidence package holds them).
 */
export const jsonlExporter = defineExporter({
  id: 'exporter-tabular.jsonl',
  mediaType: 'application/x-ndjson',
  fileExtension: 'jsonl',
  label: { en: 'JSON Lines (entries as stored, with leaf hash)', 'zh-CN': 'JSON Lines（按存储原样的条目及叶哈希）' },
  async export(source, ctx) {
    let items = 0
    let lines: string[] = []
    for await (const item of source) {
      items++
      if (item.kind === 'entry') {
        lines.push(`${item.bytes.slice(0, -1)},"leafHash":"${Buffer.from(item.leafHash, 'hex').toString('base64')}"}\n`)
        if (lines.length >= 256) {
          await ctx.write(lines.join(''))
          lines = []
        }
      }
      if (items % 256 === 0) ctx.progress(items)
    }
    if (lines.length > 0) await ctx.write(lines.join(''))
    ctx.progress(items)
  },
})
