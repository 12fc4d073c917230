import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type ObjectLockMode,
} from '@aws-sdk/client-s3'
import * as v from 'valibot'
import {
  VeritrailError,
  defineBackupTarget,
  isBackupObjectName,
  type BackupBody,
  type BackupTarget,
} from '@veritrail/core'

export const S3_TARGET_ID = 'backup.s3'
/** Multipart part size (S3 needs at least 5 MiB for every part but the last). */
const PART = 8 * 1024 * 1024

const Credentials = v.strictObject({
  accessKeyId: v.pipe(v.string(), v.minLength(1)),
  secretAccessKey: v.pipe(v.string(), v.minLength(1)),
})

/** The `"backup.s3"` block of `VERITRAIL_DATA/backup-targets.json` (a file only its owner reads). */
export const S3ConfigSchema = v.strictObject({
  /** An S3-compatible endpoint (MinIO, Ceph, a cloud's); AWS when absent. */
  endpoint: v.optional(v.pipe(v.string(), v.url())),
  region: v.optional(v.string(), 'us-east-1'),
  bucket: v.pipe(v.string(), v.minLength(3)),
  /** Key prefix inside the bucket, e.g. `veritrail/`. */
  prefix: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^([A-Za-z0-9._-]+\/)*$/, 'A prefix such as veritrail/ (ending in a slash).'),
    ),
    '',
  ),
  forcePathStyle: v.optional(v.boolean(), true),
  /** Credentials that may put, get and list — and abort their own unfinished uploads — only. */
  credentials: Credentials,
  /** Separate credentials allowed to delete (used only by the audited prune). */
  prune: v.optional(Credentials),
  /** Object Lock retention on every object (the bucket must have Object Lock enabled). */
  objectLock: v.optional(
    v.strictObject({
      mode: v.picklist(['GOVERNANCE', 'COMPLIANCE']),
      days: v.pipe(v.number(), v.integer(), v.minValue(1)),
    }),
  ),
})

export type S3Config = v.InferOutput<typeof S3ConfigSchema>

export function parseS3Config(block: unknown): S3Config {
  const parsed = v.safeParse(S3ConfigSchema, block)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    throw new VeritrailError(
      'validation_failed',
      `backup-targets.json “${S3_TARGET_ID}”.${v.getDotPath(issue) ?? ''}: ${issue.message}`,
    )
  }
  return parsed.output
}

/** How the target gets its S3 clients (tests observe requests through their own). */
export type ClientFactory = (credentials: S3Config['credentials']) => S3Client

/**
 * A backup target on S3-compatible object storage. `put` refuses an existing key (a HEAD, then
 * `If-None-Match: *` where the service honours it) and stores objects in one PUT or, past 8 MiB,
 * as a multipart upload that becomes visible only when completed and is aborted on any failure —
 * a failed put leaves nothing. With `objectLock`, every object carries an Object Lock
 * retain-until date (`mode`, `days` from now): the storage itself keeps it immutable, so the
 * target declares `immutable`. `prune` exists only with separate prune credentials.
 */
export function s3Target(
  config: S3Config,
  clientFor: ClientFactory = defaultClient(config),
): BackupTarget {
  const client = clientFor(config.credentials)
  const key = (name: string) => {
    if (!isBackupObjectName(name)) {
      throw new VeritrailError('validation_failed', `“${name}” is not a backup object name.`, {
        errors: [{ path: 'name', message: 'Invalid object name.' }],
      })
    }
    return `${config.prefix}${name}`
  }
  const head = async (k: string) => {
    try {
      return await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: k }))
    } catch (error) {
      if (notFound(error)) return null
      throw error
    }
  }
  const lock = () =>
    config.objectLock
      ? {
          ObjectLockMode: config.objectLock.mode as ObjectLockMode,
          ObjectLockRetainUntilDate: new Date(Date.now() + config.objectLock.days * 86_400_000),
        }
      : {}
  const target: BackupTarget = {
    id: S3_TARGET_ID,
    label: {
      en: `S3 ${config.bucket}/${config.prefix}`,
      'zh-CN': `S3 存储桶 ${config.bucket}/${config.prefix}`,
    },
    capabilities: {
      immutable: config.objectLock !== undefined,
      encryptedInTransit: !config.endpoint || config.endpoint.startsWith('https:'),
      deletes: config.prune !== undefined,
    },
    async put(name: string, body: BackupBody) {
      const k = key(name)
      if (await head(k))
        throw new VeritrailError(
          'conflict',
          `${name} already exists on ${S3_TARGET_ID}; backup objects are never overwritten.`,
        )
      const parts = chunks(body)
      const first = await parts.next()
      const firstPart = first.done ? Buffer.alloc(0) : first.value
      const second = first.done ? { done: true as const, value: undefined } : await parts.next()
      if (second.done) {
        await client.send(
          new PutObjectCommand({
            Bucket: config.bucket,
            Key: k,
            Body: firstPart,
            ContentLength: firstPart.length,
            IfNoneMatch: '*',
            ...lock(),
          }),
        )
        return
      }
      const { UploadId } = await client.send(
        new CreateMultipartUploadCommand({ Bucket: config.bucket, Key: k, ...lock() }),
      )
      const done: { ETag: string; PartNumber: number }[] = []
      try {
        let n = 0
        for (const part of [firstPart, second.value])
          done.push(await uploadPart(client, config.bucket, k, UploadId!, ++n, part))
        for await (const part of parts)
          done.push(await uploadPart(client, config.bucket, k, UploadId!, ++n, part))
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket: config.bucket,
            Key: k,
            UploadId,
            MultipartUpload: { Parts: done },
            IfNoneMatch: '*',
          }),
        )
      } catch (error) {
        await client
          .send(new AbortMultipartUploadCommand({ Bucket: config.bucket, Key: k, UploadId }))
          .catch(() => undefined)
        throw error
      }
    },
    async get(name: string) {
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket: config.bucket, Key: key(name) }),
        )
        return out.Body as AsyncIterable<Uint8Array>
      } catch (error) {
        if (notFound(error)) return null
        throw error
      }
    },
    async *list(prefix: string) {
      let token: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: config.bucket,
            Prefix: `${config.prefix}${prefix}`,
            ContinuationToken: token,
          }),
        )
        for (const o of page.Contents ?? [])
          yield { name: o.Key!.slice(config.prefix.length), size: o.Size ?? 0 }
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },
    async stat(name: string) {
      const found = await head(key(name))
      return found ? { name, size: found.ContentLength ?? 0 } : null
    },
  }
  if (config.prune) {
    const pruner = clientFor(config.prune)
    // No BypassGovernanceRetention: an object inside its Object Lock retention stays.
    target.prune = async (name: string) =>
      void (await pruner.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key(name) })))
  }
  return defineBackupTarget(target)
}

function defaultClient(config: S3Config): ClientFactory {
  return (credentials) =>
    new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    })
}

async function uploadPart(
  client: S3Client,
  bucket: string,
  key: string,
  uploadId: string,
  n: number,
  body: Buffer,
) {
  const { ETag } = await client.send(
    new UploadPartCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      PartNumber: n,
      Body: body,
      ContentLength: body.length,
    }),
  )
  return { ETag: ETag!, PartNumber: n }
}

/** The body in parts of `PART` bytes (the last may be shorter). */
async function* chunks(body: BackupBody): AsyncGenerator<Buffer> {
  if (body instanceof Uint8Array) {
    for (let i = 0; i < body.length || i === 0; i += PART)
      yield Buffer.from(body.subarray(i, i + PART))
    return
  }
  let pending: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    pending.push(Buffer.from(chunk))
    size += chunk.length
    while (size >= PART) {
      const all = Buffer.concat(pending)
      yield all.subarray(0, PART)
      pending = [all.subarray(PART)]
      size -= PART
    }
  }
  if (size > 0 || pending.length === 0) yield Buffer.concat(pending)
}

function notFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404
}
