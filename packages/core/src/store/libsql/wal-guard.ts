import { walSize } from './wal-capture.js'

/** WAL size past which the guard checkpoints (ARCHITECTURE §5: nobody else does). */
export const DEFAULT_WAL_LIMIT = 64 * 1024 * 1024

/**
 * Keeps the writer's WAL bounded. The writer runs with `wal_autocheckpoint=0` so that the backup
 * engine can ship every frame before the log is reset; without a backup engine the log would
 * then grow without end. After commits (at most every `intervalMs`) the guard looks at the WAL's
 * size and, past `limitBytes`, runs `checkpoint` — a plain `wal_checkpoint(TRUNCATE)` until the
 * backup engine installs its own, which copies the log into its spool first.
 */
export class WalGuard {
  #checkpoint: () => Promise<void>
  #running: Promise<void> | undefined
  #lastLook = 0

  constructor(
    private readonly databaseFile: string,
    checkpoint: () => Promise<void>,
    readonly limitBytes = DEFAULT_WAL_LIMIT,
    private readonly intervalMs = 500,
  ) {
    this.#checkpoint = checkpoint
  }

  /** Replaces what runs when the log is too long; returns a function restoring the previous one. */
  use(checkpoint: () => Promise<void>): () => void {
    const previous = this.#checkpoint
    this.#checkpoint = checkpoint
    return () => {
      this.#checkpoint = previous
    }
  }

  /** Called after each commit; cheap unless a look is due. */
  afterCommit(): void {
    const now = Date.now()
    if (this.#running || now - this.#lastLook < this.intervalMs) return
    this.#lastLook = now
    if (walSize(this.databaseFile) <= this.limitBytes) return
    this.#running = this.#checkpoint()
      .catch(() => undefined)
      .finally(() => {
        this.#running = undefined
      })
  }

  /** Resolves when a checkpoint the guard started has finished. */
  async settled(): Promise<void> {
    await this.#running
  }
}
