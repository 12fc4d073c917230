// `npm run bench -- <name>`: runs bench/<name>.ts, which prints its figures and the baseline it
// compares against, measured in the same run.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'report.ts', 'plant.ts'].includes(f))
  .map((f) => f.slice(0, -3))
const name = process.argv[2]
if (!name || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <${available.join('|')}> [options]`)
  process.exit(name ? 2 : 0)
}
await import(`./${name}.ts`)
