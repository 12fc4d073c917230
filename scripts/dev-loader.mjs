// Lets Node run the TypeScript sources directly (CLI, workers, benches) without a build:
// tsx compiles on the fly, and the "development" export condition makes every
// `@veritrail/*` import resolve to `src/index.ts` instead of `dist/`.
import { register } from 'node:module'
import { register as registerTsx } from 'tsx/esm/api'

registerTsx()
register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('development') ? context.conditions : [...context.conditions, 'development']
  return next(specifier, { ...context, conditions })
}`),
)
