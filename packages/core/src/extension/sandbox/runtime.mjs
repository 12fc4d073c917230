// Runs inside a sandbox (a worker thread, or a child process under Node's permission model):
// loads one plugin, activates it with a context that records its registrations, and evaluates
// its code rules on request. Plain JavaScript, because TypeScript cannot be a worker or child
// entry on Node 20. The host checks every registration against the manifest; nothing here is
// trusted by the host.
//
// Messages travel as { vt: 'a' | 'b' | 'ready', data }: link 'a' carries the host's calls to the
// sandbox, link 'b' the sandbox's read-only queries back to the host during a rule's evaluate.
//
// A worker sandbox (first-party code) also gets `contextUrl`, the module that rebuilds the review
// engine's context here over a read-only connection of its own: the host then sends each batch
// once, as JSON, for all the pack's rules, and their queries never leave the worker.

/** How many review runs a worker keeps a context (and its caches) for. */
const KEPT_RUNS = 4

/**
 * @param {{ Comlink: typeof import('comlink'), send: (message: unknown) => void, onMessage: (cb: (message: { vt?: 'a' | 'b' | 'ready', data?: unknown } | null) => void) => void, contextUrl?: string }} io
 */
export function serve({ Comlink, send, onMessage, contextUrl }) {
  const handlers = { a: new Set(), b: new Set() }
  onMessage((message) => {
    const set = message && handlers[message.vt]
    if (set) for (const handler of set) handler({ data: message.data })
  })
  const link = (tag) => ({
    postMessage: (data) => send({ vt: tag, data }),
    addEventListener: (_type, handler) => handlers[tag].add(handler),
    removeEventListener: (_type, handler) => handlers[tag].delete(handler),
  })
  const host = Comlink.wrap(link('b'))
  const rules = new Map()
  /** Run id → the run's context (a promise); the oldest is dropped past KEPT_RUNS. */
  const runs = new Map()
  /** The last batch the host sent: { id, entries, prepared: run id → promise }. */
  let batch
  let contextModule

  async function runContext(run) {
    contextModule ??= await import(contextUrl)
    let ctx = runs.get(run.id)
    if (!ctx) {
      ctx = contextModule.sandboxRuleContext(run)
      runs.set(run.id, ctx)
      ctx.catch(() => runs.delete(run.id))
      if (runs.size > KEPT_RUNS) runs.delete(runs.keys().next().value)
    }
    return await ctx
  }

  const api = {
    async activate({ entry, pluginId, version }) {
      const mod = await import(entry)
      const activate = mod.activate ?? mod.default?.activate
      if (typeof activate !== 'function') throw new Error(`${entry} exports no activate function.`)
      const report = { rules: [], recordTypes: [], exporters: [], backupTargets: [] }
      const noop = { dispose() {} }
      const record = (list) => (value) => {
        list.push({
          id: value?.id,
          ...(value?.version === undefined ? {} : { version: value.version }),
        })
        return noop
      }
      const ctx = {
        pluginId,
        version,
        subscriptions: [],
        recordTypes: { register: record(report.recordTypes) },
        exporters: { register: record(report.exporters) },
        backupTargets: { register: record(report.backupTargets) },
        exceptionRules: {
          register(rule) {
            const meta = { ...(rule?.meta ?? {}) }
            if (typeof rule?.evaluate === 'function') {
              rules.set(meta.id, rule)
              report.rules.push({ kind: 'code', meta: structuredClone(meta) })
            } else {
              report.rules.push({
                kind: 'declarative',
                meta: structuredClone(meta),
                definition: structuredClone(rule),
              })
            }
            return { dispose: () => rules.delete(meta.id) }
          },
        },
      }
      await activate(ctx)
      return report
    },

    async evaluate(request) {
      const rule = rules.get(request.ruleId)
      if (!rule) throw new Error(`The rule ${request.ruleId} is not registered in this sandbox.`)
      if (!request.run) {
        const ctx = { ...request.shape.data }
        for (const name of request.shape.methods) ctx[name] = (...args) => host.query(request.callId, name, args)
        return await rule.evaluate(request.entries, ctx)
      }
      if (!contextUrl) throw new Error('This sandbox cannot read the database.')
      // Take the batch before the first await: the next message may bring another one.
      if (request.batch.json !== undefined) batch = { id: request.batch.id, entries: JSON.parse(request.batch.json), prepared: new Map() }
      const current = batch
      if (current?.id !== request.batch.id) throw new Error(`Batch ${request.batch.id} is not in this sandbox.`)
      const ctx = await runContext(request.run)
      let prepared = current.prepared.get(request.run.id)
      if (!prepared) current.prepared.set(request.run.id, (prepared = contextModule.prepareSandboxBatch(ctx, current.entries)))
      await prepared
      return await rule.evaluate(current.entries, ctx)
    },
  }
  Comlink.expose(api, link('a'))
  send({ vt: 'ready' })
}
