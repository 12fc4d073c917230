import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (where `npx veritrail` and `npm start` run). */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url))

/** A port nobody listens on now: the kernel picks it, and it is released for the child. */
export async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** Everything the server printed so far (stdout and stderr). */
  output(): string
  /** Resolves when the process has ended, with its exit code or signal. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Starts the real server, `node --import scripts/dev-loader.mjs apps/server/src/main.ts`, as a
 * child process on `dataDir` and `port`, and resolves once it prints `listening on http://…`.
 */
export async function startServerProcess(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', join(REPO, 'scripts/dev-loader.mjs'), join(REPO, 'apps/server/src/main.ts')],
    {
      cwd: REPO,
      env: {
        ...process.env,
        VERITRAIL_DATA: dataDir,
        VERITRAIL_HOST: '127.0.0.1',
        VERITRAIL_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 60 s:\n${out}`)),
      60_000,
    )
    child.stdout!.on('data', () => {
      const ready = /listening on (http:\/\/[\d.]+:\d+)/.exec(out)
      if (!ready) return
      clearTimeout(timer)
      resolve(ready[1]!)
    })
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${out}`))
    })
  })
  return { child, url, output: () => out, exited: () => exited }
}

/** `npx veritrail verify --data DIR`, through the CLI's own entry point. */
export function cliVerify(dataDir: string): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    [join(REPO, 'apps/cli/bin/veritrail.mjs'), 'verify', '--data', dataDir],
    { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
  )
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}
