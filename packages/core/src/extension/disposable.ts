/**
 * Something that can be undone: every registration a plugin makes returns one, and the host
 * disposes them all when the plugin is disabled, upgraded or the server stops (the VS Code
 * `Disposable` shape).
 */
export interface Disposable {
  dispose(): void
}

/**
 * A disposable that runs `undo` once, however often it is disposed.
 *
 * @example
 * const registration = toDisposable(() => byId.delete(type.id))
 */
export function toDisposable(undo: () => void): Disposable {
  let done = false
  return {
    dispose() {
      if (done) return
      done = true
      undo()
    },
  }
}

/**
 * Disposes every item, newest first, and keeps going when one throws; the errors are returned so
 * the caller can report them against the plugin that made the registrations.
 */
export function disposeAll(items: Iterable<Disposable>): unknown[] {
  const errors: unknown[] = []
  for (const item of [...items].reverse()) {
    try {
      item.dispose()
    } catch (error) {
      errors.push(error)
    }
  }
  return errors
}
