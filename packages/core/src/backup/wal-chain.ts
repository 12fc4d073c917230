import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { VeritrailError, isVeritrailError } from '../errors.js'
import { uuidv7 } from '../ids.js'
import { isoTime } from '../ledger/clock.js'
import { TRAILS, type Trail } from '../ledger/entry.js'
import type { Ledger } from '../ledger/ledger.js'
import { captureWal } from '../store/libsql/wal-capture.js'
import type { Store } from '../store/store.js'

/** A trail's size and root hash (base64) at a chain position. */
export interface TrailHead {
  size: number
  rootHash: string
}

/**
 * A point of a WAL chain: the database as it is after `position` segments of `generation` were
 * applied to the state the generation started from. `checkpoints` are signed heads of both
 * trails at exactly this point.
 */
export interface ChainPoint {
  generation: string
  position: number
  at: string
  trails: Record<Trail, TrailHead>
  checkpoints: string[]
}

/** One shipped WAL segment waiting in the spool. */
export interface SpooledSegment {
  point: ChainPoint
  file: string
  wal: {
    salt1: number
    salt2: number
    frames: number
    bytes: number
    pageSize: number
    sha256: string
    truncated: boolean
  }
}

const pad = (n: number) => String(n).padStart(8, '0')

/**
 * The WAL chain of one process (ARCHITECTURE §5: the writer runs without automatic checkpoints,
 * so every frame passes through here). Each capture copies the committed WAL into the spool as
 * the next segment and checkpoints it with TRUNCATE; a full backup reads the database file right
 * after a capture, while no capture can run, so it is page-identical to the chain's state at that
 * position and every later segment replays onto it. A generation lasts while every segment's
 * salts are the ones SQLite announced when this chain last reset the log; anything else — the
 * log reset by someone else, a WAL that changed while copied, a new process — starts a new
 * generation at the current state (`onGap` is told why). There is never a silent hole.
 */
export class WalChain {
  #generation = uuidv7()
  #position = -1
  #expect: { salt1: number; salt2: number } | undefined
  #lock: Promise<unknown> = Promise.resolve()
  #current: ChainPoint | undefined
  /** The database file as the last capture left it (see `fileStamp`). */
  #stamp: string | undefined
  /** The last capture left the WAL empty: the database file holds the whole current point. */
  #clean = false

  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly spoolRoot: string,
    private readonly onGap: (reason: string, generation: string) => Promise<void> | void = () =>
      undefined,
  ) {
    if (!store.connections.file) {
      throw new VeritrailError(
        'validation_failed',
        'WAL shipping needs an embedded database file; a libSQL server keeps its own backups.',
      )
    }
    // Segments of earlier processes cannot continue: their chain ended with that process.
    if (existsSync(spoolRoot))
      for (const old of readdirSync(spoolRoot))
        rmSync(join(spoolRoot, old), { recursive: true, force: true })
  }

  get generation(): string {
    return this.#generation
  }

  /** Segments applied so far in this generation (-1 before the generation's first checkpoint). */
  get position(): number {
    return this.#position
  }

  get databaseFile(): string {
    return this.store.connections.file!
  }

  /** Ships whatever the WAL holds as the next segment; resolves with the point reached. */
  capture(): Promise<ChainPoint> {
    return this.#locked(() => this.#capture())
  }

  /**
   * Captures, then runs `read` while no other capture can touch the database file: the file is
   * then exactly the chain's state at the returned point, while writes go on into the WAL.
   */
  withBase<T>(read: (point: ChainPoint, databaseFile: string) => Promise<T>): Promise<T> {
    return this.#locked(async () => {
      const point = await this.#capture()
      if (!this.#clean) {
        throw new VeritrailError(
          'busy',
          'A reader still uses the WAL, so the database file is not complete yet; try the full backup again in a moment.',
        )
      }
      return read(point, this.databaseFile)
    })
  }

  /** Spooled segments `from`..`to` (inclusive), or undefined when one of them is gone. */
  segments(from: number, to: number): SpooledSegment[] | undefined {
    const out: SpooledSegment[] = []
    for (let p = from; p <= to; p++) {
      const meta = join(this.#dir(), `${pad(p)}.json`)
      if (!existsSync(meta)) return undefined
      out.push(JSON.parse(readFileSync(meta, 'utf8')) as SpooledSegment)
    }
    return out
  }

  /** Removes spooled segments at positions below `keepFrom`, and the oldest past `maxBytes`. */
  prune(keepFrom: number, maxBytes: number): void {
    const dir = this.#dir()
    if (!existsSync(dir)) return
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.wal'))
      .sort()
    let total = files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
    for (const f of files) {
      const position = Number(f.slice(0, 8))
      if (position >= keepFrom && total <= maxBytes) break
      total -= statSync(join(dir, f)).size
      rmSync(join(dir, f), { force: true })
      rmSync(join(dir, `${pad(position)}.json`), { force: true })
    }
  }

  /** The latest point reached (undefined before the first capture). */
  get current(): ChainPoint | undefined {
    return this.#current
  }

  #dir(): string {
    return join(this.spoolRoot, this.#generation)
  }

  #locked<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(job)
    this.#lock = run.catch(() => undefined)
    return run
  }

  async #capture(): Promise<ChainPoint> {
    const dir = this.#dir()
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const position = this.#position + 1
    const dest = join(dir, `${pad(position)}.wal`)
    let outcome: { capture: Awaited<ReturnType<typeof captureWal>>; point: ChainPoint }
    try {
      outcome = await this.store.exclusive(async (writer) => {
        const capture = await captureWal(writer, this.databaseFile, dest)
        return { capture, point: await this.#point(position) }
      })
    } catch (error) {
      rmSync(dest, { force: true })
      if (isVeritrailError(error) && error.code === 'conflict') await this.#restart(error.message)
      throw error
    }
    const { capture, point } = outcome
    const segment = capture.segment
    const started = this.#position >= 0
    this.#clean = capture.truncated
    // Continuous: the log carries the salts announced at the last reset, or — a reader of another
    // process may reset those salts — the database file is untouched since the last capture.
    const continuous =
      segment !== null &&
      ((this.#expect !== undefined &&
        segment.salt1 === this.#expect.salt1 &&
        segment.salt2 === this.#expect.salt2) ||
        (this.#stamp !== undefined && capture.stampBefore === this.#stamp))
    this.#stamp = capture.stampAfter
    if (!started || segment === null || !continuous) {
      if (segment) rmSync(dest, { force: true })
      if (started && segment !== null) {
        await this.#restart(
          this.#expect === undefined
            ? 'the salts of the WAL were unknown after the last capture'
            : 'the WAL was reset outside the backup engine (its salts changed), so frames may be missing',
        )
      }
      if (this.#position < 0) {
        // The database file now is the state the generation starts from, once the log is reset.
        if (!capture.truncated)
          throw new VeritrailError(
            'busy',
            'A reader still uses the WAL; the WAL chain starts at the next capture.',
          )
        this.#position = 0
        this.#current = { ...point, generation: this.#generation, position: 0 }
        mkdirSync(this.#dir(), { recursive: true, mode: 0o700 })
      }
      if (capture.next) this.#expect = capture.next
      return this.#current!
    }
    const sha256 = createHash('sha256').update(readFileSync(dest)).digest('hex')
    const spooled: SpooledSegment = {
      point,
      file: dest,
      wal: {
        salt1: segment.salt1,
        salt2: segment.salt2,
        frames: segment.frames,
        bytes: segment.bytes,
        pageSize: segment.pageSize,
        sha256,
        truncated: capture.truncated,
      },
    }
    writeFileSync(join(dir, `${pad(position)}.json`), JSON.stringify(spooled))
    this.#position = position
    this.#current = point
    // After a reset the next log carries the announced salts; otherwise the same log goes on.
    this.#expect = capture.truncated ? capture.next : { salt1: segment.salt1, salt2: segment.salt2 }
    return point
  }

  async #restart(reason: string): Promise<void> {
    const old = this.#generation
    rmSync(this.#dir(), { recursive: true, force: true })
    this.#generation = uuidv7()
    this.#position = -1
    this.#expect = undefined
    this.#current = undefined
    await this.onGap(reason, old)
  }

  /** Heads of both trails as the reader sees them now (called with writes held off). */
  async #point(position: number): Promise<ChainPoint> {
    const trails = {} as Record<Trail, TrailHead>
    const checkpoints: string[] = []
    for (const trail of TRAILS) {
      const head = await this.ledger.signedHead(trail)
      trails[trail] = { size: head.size, rootHash: Buffer.from(head.rootHash).toString('base64') }
      checkpoints.push(head.note)
    }
    return { generation: this.#generation, position, at: isoTime(Date.now()), trails, checkpoints }
  }
}
