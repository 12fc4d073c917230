import { verifyDataDir, type VerifyDataOptions } from './verify-data.js'

/**
 * `verify` as a worker job: the report with hashes as base64, ready to post across threads and
 * to serve as JSON (`POST /api/v1/audit/verify`, CONTRACT §5).
 */
export async function verifyJob(options: Omit<VerifyDataOptions, 'onProgress'>, progress?: (checked: number) => void) {
  const report = await verifyDataDir({ ...options, ...(progress ? { onProgress: progress } : {}) })
  const trail = (t: (typeof report.trails)['data']) => ({
    size: t.size,
    rootHash: Buffer.from(t.rootHash).toString('base64'),
    ...(t.firstBadSeq !== undefined ? { firstBadSeq: t.firstBadSeq, problem: t.problem } : {}),
    ...(t.problems.length ? { problems: t.problems } : {}),
    unanchored: t.unanchored,
    ...(t.checkpoint ? { checkpoint: t.checkpoint } : {}),
  })
  return { ok: report.ok, trails: { data: trail(report.trails.data), system: trail(report.trails.system) } }
}

/** Where `verifyJob` lives, for `runInWorker`. */
export const VERIFY_JOB_MODULE = new URL(import.meta.url)
