import { resolve } from 'node:path'

/** `--data DIR`, else `VERITRAIL_DATA`, else `./data` (CONTRACT §1). */
export function dataDir(flag: string | undefined): string {
  return resolve(flag ?? process.env.VERITRAIL_DATA ?? 'data')
}

/** `VERITRAIL_DB_URL` when set (and no `--data` was given), else the file below the data dir. */
export function dbUrl(flag: string | undefined): string | undefined {
  return flag === undefined ? process.env.VERITRAIL_DB_URL || undefined : undefined
}
