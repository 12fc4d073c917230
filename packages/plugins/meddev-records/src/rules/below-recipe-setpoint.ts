import { defineRule, type Entry, type FieldChange, type Finding, type RuleContext, type RuleRecordVersion } from '@veritrail/core'
import { compareDecimal } from '../decimal-compare.js'

/** Actual batch values that must reach their recipe's validated setpoint. */
const PAIRS = [
  { actual: 'actualSterilisationTime', setpoint: 'sterilisationTime', unit: 'min', en: 'Actual sterilisation hold time', zh: '实际灭菌保持时间' },
  { actual: 'actualSterilisationTemperature', setpoint: 'sterilisationTemperature', unit: '°C', en: 'Actual sterilisation temperature', zh: '实际灭菌温度' },
] as const

type Pair = (typeof PAIRS)[number]

/** A recorded actual value, with the batch entry that recorded it. */
interface Recorded {
  entry: Entry & { target: NonNullable<Entry['target']> }
  pair: Pair
  change: FieldChange & { new: string }
}

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
    // The entries that can record an actual value (a deletion records none).
    actions: ['create', 'update', 'transition', 'ingest'],
    title: { en: 'Sterilisation below the validated setpoint', 'zh-CN': '灭菌参数低于已验证设定值' },
    description: {
      en: 'A batch records an actual sterilisation hold time or temperature below the validated setpoint of its recipe.',
      'zh-CN': '批记录中的实际灭菌保持时间或温度低于其工艺配方的已验证设定值。',
    },
  },
  async evaluate(entries, ctx) {
    const recorded = recordedValues(entries)
    if (recorded.length === 0) return []
    // Histories are asked for all at once, so the context loads them in one go: the batches, then
    // the recipes they name.
    const batches = await histories(ctx, 'meddev.batch', recorded.map((r) => r.entry.target.id))
    const batchData = (r: Recorded) => batches.get(r.entry.target.id)?.find((v) => v.version === r.entry.target.version)?.data
    const recipes = await histories(ctx, 'meddev.recipe', recorded.map((r) => batchData(r)?.recipe).filter((id): id is string => typeof id === 'string'))
    const findings: Finding[] = []
    for (const r of recorded) {
      const batch = batchData(r)
      const recipeId = batch?.recipe
      if (typeof recipeId !== 'string') continue
      // The recipe version that was current when the batch entry was written.
      const recipe = recipes.get(recipeId)?.filter((v) => v.seq <= r.entry.seq && v.data).at(-1)?.data
      const value = recipe?.[r.pair.setpoint]
      if (typeof value !== 'string' || compareDecimal(r.change.new, value) >= 0) continue
      const setpoint = { value, recipe: `${String(recipe?.product ?? '')} ${String(recipe?.recipeVersion ?? '')}`.trim(), batch: String(batch?.batchNumber ?? r.entry.target.id) }
      findings.push(finding(r, setpoint))
    }
    return findings
  },
})

/** The actual values the entries record, in entry order. */
function recordedValues(entries: readonly Entry[]): Recorded[] {
  const out: Recorded[] = []
  for (const entry of entries) {
    if (entry.trail !== 'data' || entry.target?.type !== 'meddev.batch' || !entry.changes) continue
    for (const pair of PAIRS) {
      const change = entry.changes.find((c) => c.field === pair.actual)
      if (change && typeof change.new === 'string') out.push({ entry: entry as Recorded['entry'], pair, change: change as Recorded['change'] })
    }
  }
  return out
}

/** The histories of some records of one type, asked for together, by record id. */
async function histories(ctx: RuleContext, type: string, ids: string[]): Promise<Map<string, RuleRecordVersion[]>> {
  const unique = [...new Set(ids)]
  const loaded = await Promise.all(unique.map((id) => ctx.recordVersions(type, id)))
  return new Map(unique.map((id, i) => [id, loaded[i]!]))
}

function finding({ entry, pair, change }: Recorded, setpoint: { value: string; recipe: string; batch: string }): Finding {
  const before = typeof change.old === 'string' ? ` (was ${change.old} ${pair.unit})` : ''
  const beforeZh = typeof change.old === 'string' ? `（原为 ${change.old} ${pair.unit}）` : ''
  const reason = entry.reason?.text ?? entry.reason?.label
  return {
    seq: entry.seq,
    trail: 'data',
    message: {
      en: `${pair.en} of batch ${setpoint.batch} is ${change.new} ${pair.unit}${before}, below the validated setpoint of ${setpoint.value} ${pair.unit} in recipe ${setpoint.recipe}; recorded by ${entry.actor.displayName}.${reason ? ` Reason given: “${reason}”.` : ''}`,
      'zh-CN': `批次 ${setpoint.batch} 的${pair.zh}为 ${change.new} ${pair.unit}${beforeZh}，低于工艺配方 ${setpoint.recipe} 的已验证设定值 ${setpoint.value} ${pair.unit}；记录人：${entry.actor.displayName}。${reason ? `给出的原因：“${reason}”。` : ''}`,
    },
    details: { field: pair.actual, value: change.new, setpoint: setpoint.value, recipe: setpoint.recipe },
  }
}
