/** The message for {@link endsAfterStart}. */
export const END_BEFORE_START = 'The end is before the start.'

/**
 * True when `endedAt` is absent or not before `startedAt`. Both are ISO 8601 with a zone, so they
 * compare as instants. Use it in `v.partialCheck([['startedAt'], ['endedAt']], endsAfterStart)`.
 */
export function endsAfterStart(data: { startedAt: string; endedAt?: string | undefined }): boolean {
  return data.endedAt === undefined || Date.parse(data.endedAt) >= Date.parse(data.startedAt)
}
