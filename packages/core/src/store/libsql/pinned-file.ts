import { closeSync, openSync } from 'node:fs'

const pinned = new Map<string, number>()

/**
 * A read-only descriptor of a live database file (or its `-shm`), opened once and kept open.
 * POSIX record locks belong to the process and are all dropped when ANY descriptor of the file
 * is closed — so reading the database with an ordinary open/close would silently release
 * SQLite's locks, and another process's connection closing could then believe it was the last,
 * checkpoint and delete the WAL while this process still writes to it. Read live files only
 * through this descriptor, with positional reads, from any thread of the process.
 */
export function pinnedFd(file: string): number {
  let fd = pinned.get(file)
  if (fd === undefined) {
    fd = openSync(file, 'r')
    pinned.set(file, fd)
  }
  return fd
}

/** Closes the pinned descriptors of `databaseFile` (after its SQLite connections are closed). */
export function unpinDatabase(databaseFile: string): void {
  for (const file of [databaseFile, `${databaseFile}-shm`]) {
    const fd = pinned.get(file)
    if (fd !== undefined) closeSync(fd)
    pinned.delete(file)
  }
}
