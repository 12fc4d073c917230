// The entry of a sandbox child process (started by process-sandbox.ts with the permission
// model, no environment and a heap limit). argv[2] is the file URL of comlink's ESM build.
const Comlink = await import(process.argv[2])
const { serve } = await import('./runtime.mjs')

// The host is gone: nothing is left to answer.
process.on('disconnect', () => process.exit(0))
serve({
  Comlink,
  send: (message) => process.send(message),
  onMessage: (cb) => process.on('message', cb),
})
