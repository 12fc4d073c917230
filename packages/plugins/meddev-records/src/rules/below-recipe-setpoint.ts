import { defineRule, type Finding, type RuleContext, type RuleRecordVersion } from '@veritrail/core'
import { compareDecimal } from '../decimal-compare.js'

/** Actual batch values that must reach their recipe's validated setpoint. */
const PAIRS = [
  { actual: 'actualSterilisationTime', setpoint: 'sterilisationTime', unit: 'min', en: 'Actual sterilisation hold time', zh: '实际灭菌保持时间' },
  { actual: 'actualSterilisationTemperature', setpoint: 'sterilisationTemperature', unit: '°C', en: 'Actual sterilisation temperature', zh: '实际灭菌温度' },
] as const

/**
 * A batch whose actual sterilisation hold time or temperature is recorded — or changed — below
 * the validated setpoint of the recipe it was made with: the sterility claim of the whole batch
 * is in question, so the finding is critical whatever reason was given.
 */
export const belowRecipeSetpoint = defineRule({
  meta: {
    id: 'meddev.batch-below-recipe-setpoint',
    version: '1.0.0',
    severity: 'critical',
    title: { en: 'Sterilisation below the validated setpoint', 'zh-CN': '灭菌参数低于已验证设定值' },
    description: {
      en: 'A batch records an actual sterilisation hold time or temperature below the validated setpoint of its recipe.',
      'zh-CN': '批记录中的实际灭菌保持时间或温度低于其工艺配方的已验证设定值。',
    },
  },
  async evaluate(entries, ctx) {
    const findings: Finding[] = []
    const versions = new Map<string, Promise<RuleRecordVersion[]>>()
    const load = (type: string, id: string) => {
      const key = `${type}/${id}`
      if (!versions.has(key)) versions.set(key, ctx.recordVersions(type, id))
      return versions.get(key)!
    }
    for (const entry of entries) {
      if (entry.trail !== 'data' || entry.target?.type !== 'meddev.batch' || !entry.changes) continue
      for (const pair of PAIRS) {
        const change = entry.changes.find((c) => c.field === pair.actual)
        if (!change || typeof change.new !== 'string') continue
        const setpoint = await recipeSetpoint(ctx, load, entry.target.id, entry.target.version, entry.seq, pair.setpoint)
        if (!setpoint || compareDecimal(change.new, setpoint.value) >= 0) continue
        const before = typeof change.old === 'string' ? ` (was ${change.old} ${pair.unit})` : ''
        const beforeZh = typeof change.old === 'string' ? `（原为 ${change.old} ${pair.unit}）` : ''
        const reason = entry.reason?.text ?? entry.reason?.label
        findings.push({
          seq: entry.seq,
          trail: 'data',
          message: {
            en: `${pair.en} of batch ${setpoint.batch} is ${change.new} ${pair.unit}${before}, below the validated setpoint of ${setpoint.value} ${pair.unit} in recipe ${setpoint.recipe}; recorded by ${entry.actor.displayName}.${reason ? ` Reason given: “${reason}”.` : ''}`,
            'zh-CN': `批次 ${setpoint.batch} 的${pair.zh}为 ${change.new} ${pair.unit}${beforeZh}，低于工艺配方 ${setpoint.recipe} 的已验证设定值 ${setpoint.value} ${pair.unit}；记录人：${entry.actor.displayName}。${reason ? `给出的原因：“${reason}”。` : ''}`,
          },
          details: { field: pair.actual, value: change.new, setpoint: setpoint.value, recipe: setpoint.recipe },
        })
      }
    }
    return findings
  },
})

/** The setpoint in the recipe version that was current when the batch entry was written. */
async function recipeSetpoint(
  _ctx: RuleContext,
  load: (type: string, id: string) => Promise<RuleRecordVersion[]>,
  batchId: string,
  batchVersion: number,
  seq: number,
  field: string,
): Promise<{ value: string; recipe: string; batch: string } | undefined> {
  const batch = (await load('meddev.batch', batchId)).find((v) => v.version === batchVersion)?.data
  const recipeId = batch?.recipe
  if (typeof recipeId !== 'string') return undefined
  const recipe = (await load('meddev.recipe', recipeId)).filter((v) => v.seq <= seq && v.data).at(-1)?.data
  const value = recipe?.[field]
  if (typeof value !== 'string') return undefined
  return { value, recipe: `${String(recipe?.product ?? '')} ${String(recipe?.recipeVersion ?? '')}`.trim(), batch: String(batch?.batchNumber ?? batchId) }
}
