import { describe, expect, it } from 'vitest'
import { defineExporter, type Exporter } from '../exporter.js'
import { exporterConformance } from './exporter-conformance.js'

const jsonLines = defineExporter({
  id: 'test.jsonl',
  mediaType: 'application/x-ndjson',
  fileExtension: 'jsonl',
  label: { en: 'JSON lines', 'zh-CN': 'JSON 行' },
  async export(source, ctx) {
    let n = 0
    for await (const item of source) {
      await ctx.write((item.kind === 'entry' ? item.bytes : JSON.stringify(item)) + '\n')
      ctx.progress(++n)
    }
  },
})

function variant(patch: Partial<Exporter>): Exporter {
  return { ...jsonLines, ...patch }
}

describe('exporterConformance', () => {
  it('passes a correct exporter and hands back its output', async () => {
    const { output, items } = await exporterConformance(jsonLines)
    const text = new TextDecoder().decode(output)
    expect(text.split('\n')).toHaveLength(items.length + 1)
    expect(text).toContain('灭菌时间')
    expect(text).toContain('"15.10"')
  })

  it('names the check a broken exporter fails', async () => {
    await expect(exporterConformance(variant({ fileExtension: '.csv' }))).rejects.toThrow(
      /“shape”.*fileExtension/,
    )
    await expect(exporterConformance(variant({ label: { en: 'x', 'zh-CN': '' } }))).rejects.toThrow(
      /zh-CN/,
    )
    const stopsEarly = variant({
      async export(source, ctx) {
        for await (const item of source) {
          await ctx.write(JSON.stringify(item))
          ctx.progress(1)
          break
        }
      },
    })
    await expect(exporterConformance(stopsEarly)).rejects.toThrow(/read 1 of 60 items/)
    const noBackPressure = variant({
      async export(source, ctx) {
        const pending: Promise<void>[] = []
        let n = 0
        for await (const item of source) {
          pending.push(ctx.write(JSON.stringify(item)))
          ctx.progress(++n)
        }
        await Promise.all(pending)
      },
    })
    await expect(exporterConformance(noBackPressure)).rejects.toThrow(/“back-pressure”/)
    const swallows = variant({
      async export(source, ctx) {
        let n = 0
        try {
          for await (const item of source) {
            await ctx.write(JSON.stringify(item))
            ctx.progress(++n)
          }
        } catch {
          await ctx.write('END\n')
        }
      },
    })
    await expect(exporterConformance(swallows)).rejects.toThrow(/“failing source”/)
    let run = 0
    const stamped = variant({
      async export(source, ctx) {
        await ctx.write(`run ${run++}\n`)
        let n = 0
        for await (const _ of source) ctx.progress(++n)
      },
    })
    await expect(exporterConformance(stamped)).rejects.toThrow(/“deterministic”/)
  })
})
