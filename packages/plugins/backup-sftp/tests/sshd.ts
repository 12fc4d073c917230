import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/** A real Debian OpenSSH server on loopback, with a generated host key and two user keys. */
export interface TestSshd {
  dir: string
  port: number
  username: string
  hostKeySha256: string
  /** Key whose sessions run `internal-sftp -P remove,rmdir,posix-rename`: it cannot delete. */
  backupKey: string
  /** Key with plain internal-sftp: the separate prune credentials. */
  pruneKey: string
  /** The folder backups go to. */
  root: string
  stop(): Promise<void>
}

function keygen(file: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file])
  return readFileSync(`${file}.pub`, 'utf8').trim()
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function listening(port: number, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)))
      socket.on('error', () => resolve(false))
    })
    if (ok) return
    if (Date.now() > end) throw new Error('sshd did not start listening')
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'veritrail-sshd-'))
  const root = join(dir, 'backups')
  mkdirSync(root)
  mkdirSync('/run/sshd', { recursive: true })
  keygen(join(dir, 'host_key'))
  const backupPub = keygen(join(dir, 'backup_key'))
  const prunePub = keygen(join(dir, 'prune_key'))
  writeFileSync(
    join(dir, 'authorized_keys'),
    `command="internal-sftp -P remove,rmdir,posix-rename",restrict ${backupPub}\ncommand="internal-sftp",restrict ${prunePub}\n`,
    { mode: 0o600 },
  )
  const port = await freePort()
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  )
  const fingerprint = execFileSync('ssh-keygen', [
    '-l',
    '-E',
    'sha256',
    '-f',
    join(dir, 'host_key.pub'),
  ])
    .toString()
    .split(' ')[1]!
  const child: ChildProcess = spawn(
    '/usr/sbin/sshd',
    ['-D', '-e', '-f', join(dir, 'sshd_config')],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  await listening(port).catch((error) => {
    child.kill()
    throw new Error(`${(error as Error).message}: ${stderr}`)
  })
  return {
    dir,
    port,
    username: userInfo().username,
    hostKeySha256: fingerprint,
    backupKey: join(dir, 'backup_key'),
    pruneKey: join(dir, 'prune_key'),
    root,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
