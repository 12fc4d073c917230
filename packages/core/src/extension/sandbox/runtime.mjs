// Runs inside a sandbox (a worker thread, or a child process under Node's permission model):
// loads one plugin, activates it with a context that records its registrations, and evaluates
// its code rules on request. Plain JavaScript, because TypeScript cannot be a worker or child
// entry on Node 20. The host checks every registration against the manifest; nothing here is
// trusted by the host.
//
// Messages travel as { vt: 'a' | 'b' | 'ready', data }: link 'a' carries the host's calls to the
// sandbox, link 'b' the sandbox's read-only queries back to the host during a rule's evaluate.

/**
 * @param {{ Comlink: any, send: (message: unknown) => void, onMessage: (cb: (message: any) => void) => void }} io
 */
export function serve({ Comlink, send, onMessage }) {
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

    async evaluate({ ruleId, entries, shape, callId }) {
      const rule = rules.get(ruleId)
      if (!rule) throw new Error(`The rule ${ruleId} is not registered in this sandbox.`)
      const ctx = { ...shape.data }
      for (const name of shape.methods) ctx[name] = (...args) => host.query(callId, name, args)
      return await rule.evaluate(entries, ctx)
    },
  }
  Comlink.expose(api, link('a'))
  send({ vt: 'ready' })
}
