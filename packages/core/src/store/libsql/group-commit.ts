import type { SqlConnection } from './connection.js'

/** A unit of work run inside the shared write transaction. It must not commit or roll back. */
export type WriteJob<T> = (generation: number) => Promise<T>

interface Pending {
  job: WriteJob<unknown>
  resolve(value: unknown): void
  reject(error: unknown): void
}

/** Thrown by a job that failed after writing: its group must be rolled back and re-run. */
export class DirtyFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('a job failed after writing')
  }
}

/**
 * Group commit (STACK.md: durable single-row commits are fsync-bound, ~500/s). Jobs queue while
 * a transaction is in flight; the next transaction runs every queued job, then commits once.
 * Every caller is answered only after the COMMIT that made its work durable returned.
 *
 * Jobs do their checks before they write, so a refused job normally leaves nothing to undo and
 * the group goes on. A job that fails after writing (throws `DirtyFailure`) poisons the group:
 * it is rolled back and every job re-runs in a transaction of its own, so only that one fails.
 * `beforeCommit` writes what the jobs deferred (buffered rows); if it fails, the same happens.
 * Exactly one transaction runs at a time: this is the process's single writer (§5).
 */
export class GroupCommitQueue {
  #queue: Pending[] = []
  #draining = false
  #generation = 0
  #closed = false

  constructor(
    private readonly db: SqlConnection,
    private readonly options: { maxJobs?: number; beforeCommit?: () => Promise<void> } = {},
  ) {}

  run<T>(job: WriteJob<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The store is closed; nothing was written.'))
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ job, resolve: resolve as (v: unknown) => void, reject })
      if (!this.#draining) void this.#drain()
    })
  }

  /** Resolves when every queued job has been answered; refuses new jobs from then on. */
  async close(): Promise<void> {
    this.#closed = true
    while (this.#draining) await new Promise((r) => setImmediate(r))
  }

  async #drain(): Promise<void> {
    this.#draining = true
    try {
      // Let callers that enqueue in this same tick join the first group.
      await new Promise((r) => setImmediate(r))
      while (this.#queue.length > 0) await this.#runGroup(this.#queue.splice(0, this.options.maxJobs ?? 512))
    } finally {
      this.#draining = false
    }
  }

  async #runGroup(group: Pending[]): Promise<void> {
    const generation = ++this.#generation
    const outcomes: { ok: boolean; value: unknown }[] = []
    try {
      await this.db.begin()
    } catch (error) {
      for (const p of group) p.reject(error)
      return
    }
    try {
      for (const p of group) {
        try {
          outcomes.push({ ok: true, value: await p.job(generation) })
        } catch (error) {
          if (!(error instanceof DirtyFailure)) {
            outcomes.push({ ok: false, value: error })
            continue
          }
          await this.#retryAlone(group, p, error.cause)
          return
        }
      }
      try {
        await this.options.beforeCommit?.()
      } catch (error) {
        // Rows the jobs deferred were refused: which job they belong to shows when each runs alone.
        await this.#retryAlone(group, group.length === 1 ? group[0]! : undefined, error)
        return
      }
      await this.db.commit()
    } catch (error) {
      await this.db.rollback().catch(() => undefined)
      for (const p of group) p.reject(error)
      return
    }
    group.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)))
  }

  /** Rolls the group back; a group of one fails with `error`, a larger one re-runs each job alone. */
  async #retryAlone(group: Pending[], failed: Pending | undefined, error: unknown): Promise<void> {
    await this.db.rollback()
    if (group.length === 1) (failed ?? group[0]!).reject(error)
    else for (const single of group) await this.#runGroup([single])
  }
}
