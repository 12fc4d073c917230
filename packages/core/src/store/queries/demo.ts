import type { ReadExecutor } from '../types.js'

/** How many data-trail entries were written by accounts other than `usernames`. */
export async function dataEntriesByOthers(db: ReadExecutor, usernames: readonly string[]): Promise<number> {
  const rows = await db.select(
    `SELECT count(*) FROM entries e WHERE e.trail = 'data'
      AND e.actor_id NOT IN (SELECT id FROM accounts WHERE username IN (${usernames.map(() => '?').join(',')}))`,
    [...usernames],
  )
  return Number(rows[0]![0])
}
