// Builds a signed checkpoint and inclusion proofs with node:crypto alone (RFC 6962 §2.1, C2SP
// signed-note), independently of the core, so the browser verifier is checked against them.
import { createHash, generateKeyPairSync, sign } from 'node:crypto'

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest())
}
const leafOf = (bytes: Uint8Array) => sha(Uint8Array.of(0), bytes)
const node = (l: Uint8Array, r: Uint8Array) => sha(Uint8Array.of(1), l, r)
const split = (n: number) => 2 ** Math.floor(Math.log2(n - 1))
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64')

function root(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 1) return leaves[0]!
  const k = split(leaves.length)
  return node(root(leaves.slice(0, k)), root(leaves.slice(k)))
}

function path(m: number, leaves: Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return []
  const k = split(leaves.length)
  return m < k
    ? [...path(m, leaves.slice(0, k)), root(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), root(leaves.slice(0, k))]
}

/** Keys sorted like RFC 8785 for plain ASCII keys (enough for these fixtures). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export interface Fixture {
  entries: { seq: number; trail: string; leafHash: string; [key: string]: unknown }[]
  publicKey: string
  checkpoint: { origin: string; size: number; rootHash: string; note: string }
  proof(seq: number): { leafIndex: number; treeSize: number; hashes: string[] }
}

/** A data trail of `size` realistic entries, a signed checkpoint over all of them, and proofs. */
export function trailFixture(size = 5, name = 'vt-test'): Fixture {
  const entries = Array.from({ length: size }, (_, i) => ({
    v: 1,
    seq: i + 1,
    trail: 'data',
    ts: `2026-11-22T08:0${i}:00.000Z`,
    tz: 'Asia/Shanghai',
    actor: {
      id: 'u1',
      username: 'olivia',
      displayName: '王丽 Olivia',
      role: 'operator',
      type: 'person',
    },
    action: i === 0 ? 'create' : 'update',
    correlationId: `c-${i}`,
    client: { ip: '127.0.0.1', userAgent: 'test' },
    target: { type: 'meddev.recipe', typeVersion: '1.0.0', id: 'r1', version: i + 1 },
    changes: [
      {
        field: 'sterilisationTime',
        label: 'Sterilisation hold time',
        old: `1${i}.0`,
        new: `1${i + 1}.0`,
      },
    ],
    reason: { code: 'other', text: '复测后更正' },
  }))
  const leaves = entries.map((e) => leafOf(new TextEncoder().encode(canonical(e))))
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const pub = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12))
  const keyId = sha(new TextEncoder().encode(`${name}\n`), Uint8Array.of(1), pub).subarray(0, 4)
  const keyIdHex = Buffer.from(keyId).toString('hex')
  const rootHash = root(leaves)
  const text = `${name}/data\n${size}\n${b64(rootHash)}\n`
  const signature = new Uint8Array(sign(null, Buffer.from(text), privateKey))
  const note = `${text}\n\u2014 ${name} ${b64(Uint8Array.from([...keyId, ...signature]))}\n`
  return {
    entries: entries.map((e, i) => ({
      ...e,
      leafHash: b64(leaves[i]!),
      display: { action: 'Modified' },
    })),
    publicKey: `${name}+${keyIdHex}+${b64(Uint8Array.from([1, ...pub]))}`,
    checkpoint: { origin: `${name}/data`, size, rootHash: b64(rootHash), note },
    proof: (seq) => ({
      leafIndex: seq - 1,
      treeSize: size,
      hashes: path(seq - 1, leaves).map(b64),
    }),
  }
}
