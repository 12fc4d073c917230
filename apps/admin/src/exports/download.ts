/** The file name of a `Content-Disposition` header (RFC 6266 `filename*` first). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1]
  if (star) {
    try {
      return decodeURIComponent(star)
    } catch {
      return star
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? fallback
}

/** Reads a streamed answer to the end, reporting the bytes received so far. */
export async function readWithProgress(
  res: Response,
  onProgress: (bytes: number) => void,
): Promise<Blob> {
  const reader = res.body?.getReader()
  if (!reader) return res.blob()
  const chunks: Uint8Array[] = []
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    bytes += value.byteLength
    onProgress(bytes)
  }
  return new Blob(chunks as BlobPart[], {
    type: res.headers.get('content-type') ?? 'application/octet-stream',
  })
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
