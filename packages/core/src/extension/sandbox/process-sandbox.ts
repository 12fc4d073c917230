import { fork } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { exitReason, tailBuffer } from './exit-reason.js'
import type { SandboxLimits } from './limits.js'
import type { RawSandbox } from './sandbox-link.js'
import { COMLINK_FILE, PROCESS_ENTRY, SANDBOX_DIR } from './sandbox-files.js'

/**
 * Starts a child process for third-party code under Node's permission model: it may read its
 * own pack, the sandbox runtime and comlink, and nothing else; it may not write files, start
 * processes or workers (the permission model's defaults once enabled). No environment is
 * inherited, the heap is limited, and it talks to the host only over its IPC channel.
 */
export function startProcessSandbox(
  packDir: string,
  limits: Pick<SandboxLimits, 'memoryMb'>,
): RawSandbox {
  const stderr = tailBuffer()
  const child = fork(PROCESS_ENTRY, [pathToFileURL(COMLINK_FILE).href], {
    execArgv: [
      '--experimental-permission',
      `--allow-fs-read=${packDir.replace(/\/?$/, '/')}`,
      `--allow-fs-read=${SANDBOX_DIR}/`,
      `--allow-fs-read=${COMLINK_FILE}`,
      `--max-old-space-size=${limits.memoryMb}`,
      '--disable-warning=ExperimentalWarning',
    ],
    env: {},
    cwd: packDir,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(exitReason(code, signal, stderr.text())))
    child.once('error', (error) => resolve(`could not run: ${error.message}`))
  })
  return {
    send: (message) => {
      if (child.connected) child.send(message as never)
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => void exited.then(listener),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    },
  }
}
