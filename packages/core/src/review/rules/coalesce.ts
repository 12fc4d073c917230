/**
 * A loader by key that loads every key asked for in the same turn (before the first answer is
 * due) in one bulk call: a rule that asks for the histories of 50 records at once, instead of one
 * after the other, costs one query, or one message from a sandbox.
 */
export function coalesce<K, V>(keyOf: (item: K) => string, load: (items: K[]) => Promise<Map<string, V>>, missing: V): (item: K) => Promise<V> {
  let queue: Map<string, { item: K; waiting: { resolve: (value: V) => void; reject: (error: unknown) => void }[] }> | undefined
  const flush = (batch: NonNullable<typeof queue>) => {
    load([...batch.values()].map((q) => q.item)).then(
      (found) => {
        for (const [k, q] of batch) for (const w of q.waiting) w.resolve(found.has(k) ? found.get(k)! : missing)
      },
      (error: unknown) => {
        for (const q of batch.values()) for (const w of q.waiting) w.reject(error)
      },
    )
  }
  return (item) =>
    new Promise<V>((resolve, reject) => {
      if (!queue) {
        const batch = (queue = new Map())
        queueMicrotask(() => {
          queue = undefined
          flush(batch)
        })
      }
      const k = keyOf(item)
      const queued = queue.get(k)
      if (queued) queued.waiting.push({ resolve, reject })
      else queue.set(k, { item, waiting: [{ resolve, reject }] })
    })
}
