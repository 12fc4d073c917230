// Child process for crash.test.ts: appends records concurrently and prints `ack <id> <seq>` for
// every create the core acknowledged (after its COMMIT returned), until it is killed.
import { operator, sterilisation, testCore } from '../fixtures.js'
import { writerPragma } from '../../src/store/libsql/connect.js'

const dir = process.argv[2]!
const core = await testCore(dir)
process.stdout.write(`synchronous ${String(await writerPragma(core.store.connections, 'synchronous'))}\n`)
let n = 0
async function worker(w: number): Promise<never> {
  for (;;) {
    const i = n++
    const { id, seq } = await core.records.create(sterilisation.id, { batch: `C-${w}-${i}`, minutes: '15.0' }, operator(`w${w}`))
    process.stdout.write(`ack ${id} ${seq}\n`)
  }
}
await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)))
