import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { posix } from 'node:path'
import { Readable } from 'node:stream'
import SftpClient from 'ssh2-sftp-client'
import * as v from 'valibot'
import {
  VeritrailError,
  defineBackupTarget,
  isBackupObjectName,
  type BackupBody,
  type BackupTarget,
} from '@veritrail/core'

export const SFTP_TARGET_ID = 'backup.sftp'
const INCOMING = '.incoming'

const Credentials = v.strictObject({
  username: v.pipe(v.string(), v.minLength(1)),
  /** Path of an OpenSSH private key file (never the key itself: the config may be displayed). */
  privateKeyFile: v.pipe(v.string(), v.minLength(1)),
})

/** The `"backup.sftp"` block of `VERITRAIL_DATA/backup-targets.json`. */
export const SftpConfigSchema = v.strictObject({
  host: v.pipe(v.string(), v.minLength(1)),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535)), 22),
  /** The server's host key, as `ssh-keygen -lf` prints it: `SHA256:…`. Required: no trust on first use. */
  hostKeySha256: v.pipe(
    v.string(),
    v.regex(
      /^SHA256:[A-Za-z0-9+/]{43}$/,
      'The host key fingerprint as ssh-keygen -l prints it, SHA256:…',
    ),
  ),
  /** Absolute folder on the server holding the backups. */
  dir: v.pipe(v.string(), v.startsWith('/')),
  ...Credentials.entries,
  /** Separate credentials that may delete (used only by the audited prune). */
  prune: v.optional(Credentials),
  /** The server keeps objects immutably (e.g. chattr +i or WORM storage): declared by the operator. */
  immutable: v.optional(v.boolean(), false),
  readyTimeoutMs: v.optional(v.number(), 10_000),
})

export type SftpConfig = v.InferOutput<typeof SftpConfigSchema>

/** Validates a configuration block; `validation_failed` naming the field otherwise. */
export function parseSftpConfig(block: unknown): SftpConfig {
  const parsed = v.safeParse(SftpConfigSchema, block)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new VeritrailError(
      'validation_failed',
      `backup-targets.json “${SFTP_TARGET_ID}”.${v.getDotPath(issue) ?? ''}: ${issue.message}`,
    )
  }
  return parsed.output
}

/**
 * A backup target on an SFTP server (OpenSSH). The server's host key must match the configured
 * fingerprint. Objects are uploaded below `.incoming/` and renamed into place: OpenSSH renames
 * with link(2), which refuses an existing name, so nothing is overwritten and an interrupted
 * upload is never visible. The backup credentials need no right to delete (the server can deny
 * it: `internal-sftp -P remove,rmdir,posix-rename`); `prune` exists only with separate prune
 * credentials. Secrets are read from key files and never logged.
 */
export function sftpTarget(config: SftpConfig): BackupTarget {
  const backup = new Connection(config, config)
  const path = (name: string) => {
    if (!isBackupObjectName(name) || name.split('/')[0] === INCOMING) {
      throw new VeritrailError('validation_failed', `“${name}” is not a backup object name.`, {
        errors: [{ path: 'name', message: 'Invalid object name.' }],
      })
    }
    return posix.join(config.dir, name)
  }
  const target: BackupTarget = {
    id: SFTP_TARGET_ID,
    label: {
      en: `SFTP ${config.username}@${config.host}:${config.dir}`,
      'zh-CN': `SFTP 服务器 ${config.host}:${config.dir}`,
    },
    capabilities: {
      immutable: config.immutable,
      encryptedInTransit: true,
      deletes: config.prune !== undefined,
    },
    async put(name: string, body: BackupBody) {
      const file = path(name)
      await backup.use(async (sftp) => {
        if (await sftp.exists(file))
          throw new VeritrailError(
            'conflict',
            `${name} already exists on ${SFTP_TARGET_ID}; backup objects are never overwritten.`,
          )
        const temp = posix.join(config.dir, INCOMING, `${randomBytes(8).toString('hex')}.partial`)
        await sftp.mkdir(posix.dirname(temp), true)
        await sftp.mkdir(posix.dirname(file), true)
        const stream =
          body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : Readable.from(body)
        try {
          await sftp.put(stream, temp)
          await sftp.rename(temp, file)
        } catch (error) {
          // Removing may be denied to these credentials; an .incoming leftover is never listed.
          await sftp.delete(temp, true).catch(() => undefined)
          if (await sftp.exists(file).catch(() => false))
            throw new VeritrailError('conflict', `${name} already exists on ${SFTP_TARGET_ID}.`)
          throw error
        }
      })
    },
    async get(name: string) {
      const file = path(name)
      return backup.use(async (sftp) =>
        (await sftp.exists(file)) === '-'
          ? (sftp.createReadStream(file) as AsyncIterable<Uint8Array>)
          : null,
      )
    },
    async *list(prefix: string) {
      const start = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : ''
      const names = await backup.use((sftp) => walk(sftp, config.dir, start))
      for (const o of names) if (o.name.startsWith(prefix)) yield o
    },
    async stat(name: string) {
      const file = path(name)
      return backup.use(async (sftp) =>
        (await sftp.exists(file)) === '-' ? { name, size: (await sftp.stat(file)).size } : null,
      )
    },
  }
  if (config.prune) {
    const pruner = new Connection(config, config.prune)
    target.prune = (name: string) =>
      pruner.use(async (sftp) => void (await sftp.delete(path(name))))
  }
  return defineBackupTarget(target)
}

/** Every file below `dir/start`, as object names relative to `dir` (`.incoming` skipped). */
async function walk(
  sftp: SftpClient,
  dir: string,
  start: string,
): Promise<{ name: string; size: number }[]> {
  const out: { name: string; size: number }[] = []
  const visit = async (rel: string) => {
    const abs = rel ? posix.join(dir, rel) : dir
    if ((await sftp.exists(abs)) !== 'd') return
    for (const entry of (await sftp.list(abs)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!rel && entry.name === INCOMING) continue
      const name = rel ? `${rel}/${entry.name}` : entry.name
      if (entry.type === 'd') await visit(name)
      else if (entry.type === '-') out.push({ name, size: entry.size })
    }
  }
  await visit(start)
  return out
}

/** One lazily opened SFTP session, reopened after a failure. */
class Connection {
  #client: Promise<SftpClient> | undefined

  constructor(
    private readonly server: SftpConfig,
    private readonly credentials: { username: string; privateKeyFile: string },
  ) {}

  async use<T>(work: (sftp: SftpClient) => Promise<T>): Promise<T> {
    const client = await (this.#client ??= this.#connect())
    try {
      return await work(client)
    } catch (error) {
      if (!(error instanceof VeritrailError)) {
        this.#client = undefined
        await client.end().catch(() => undefined)
      }
      throw error
    }
  }

  async #connect(): Promise<SftpClient> {
    const client = new SftpClient(SFTP_TARGET_ID)
    let seen = ''
    try {
      await client.connect({
        host: this.server.host,
        port: this.server.port,
        username: this.credentials.username,
        privateKey: readFileSync(this.credentials.privateKeyFile),
        readyTimeout: this.server.readyTimeoutMs,
        hostVerifier: (key: Buffer) => {
          seen = `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`
          return seen === this.server.hostKeySha256
        },
      })
      return client
    } catch (error) {
      this.#client = undefined
      if (seen && seen !== this.server.hostKeySha256) {
        throw new VeritrailError(
          'forbidden',
          `The SFTP server ${this.server.host} presented host key ${seen}, not the configured ${this.server.hostKeySha256}; refusing to connect.`,
        )
      }
      throw new VeritrailError(
        'unreadable',
        `Cannot connect to the SFTP server ${this.server.host}:${this.server.port} as ${this.credentials.username}: ${(error as Error).message}`,
      )
    }
  }
}
