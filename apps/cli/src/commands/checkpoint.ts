import { latestCheckpoints } from '@veritrail/core'
import { CliError } from '../cli-error.js'
import { dataDir, dbUrl } from '../data-dir.js'
import type { Command } from './command.js'

export const checkpoint: Command = {
  name: 'checkpoint',
  summary: 'Print the latest signed checkpoints, to keep outside the system',
  usage: 'checkpoint [--data DIR] > checkpoints-YYYY-MM-DD.txt',
  options: { data: { type: 'string' } },
  async run({ values, out, err }) {
    const url = dbUrl(values.data as string | undefined)
    const list = await latestCheckpoints({ dataDir: dataDir(values.data as string | undefined), ...(url ? { dbUrl: url } : {}) })
    if (list.length === 0) throw new CliError('There is no signed checkpoint yet: nothing has been written.')
    for (const cp of list) {
      err(`${cp.trail} trail: checkpoint at size ${cp.size}`)
      out(cp.note.trimEnd() + '\n')
    }
    err('Keep this text somewhere the database administrator cannot change; `veritrail verify --checkpoint FILE` checks the trails against it.')
    return 0
  },
}
