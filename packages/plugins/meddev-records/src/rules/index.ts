import { belowRecipeSetpoint } from './below-recipe-setpoint.js'

export { belowRecipeSetpoint }

/** The exception rules this pack contributes (domain rules that need the pack's record types). */
export const meddevRules = [belowRecipeSetpoint]
