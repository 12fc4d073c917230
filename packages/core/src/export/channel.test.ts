import { describe, expect, it } from 'vitest'
import { CHANNEL_BYTES, ChunkStream, channelSink } from './channel.js'

describe('export chunk channel', () => {
  it('delivers chunks in order, closes only when finished, and holds the producer back while the reader lags', async () => {
    const buffer = new SharedArrayBuffer(CHANNEL_BYTES)
    const chunks = new ChunkStream(buffer)
    const { sink } = channelSink(buffer, (chunk) => chunks.push(chunk))
    let written = 0
    const producer = (async () => {
      for (let i = 0; i < 12; i++) {
        await sink(new Uint8Array(1024 * 1024).fill(i))
        written++
      }
      chunks.finish()
    })()
    await chunks.started()
    await new Promise((r) => setTimeout(r, 50))
    expect(written).toBeLessThan(12)
    const seen: number[] = []
    for await (const chunk of chunks.stream as unknown as AsyncIterable<Uint8Array>) seen.push(chunk[0]!)
    await producer
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('fails the stream after the chunks already sent, and tells the producer when the reader cancels', async () => {
    const buffer = new SharedArrayBuffer(CHANNEL_BYTES)
    const chunks = new ChunkStream(buffer)
    const channel = channelSink(buffer, (chunk) => chunks.push(chunk))
    await channel.sink(new Uint8Array([1]))
    chunks.fail(new Error('disk full'))
    const reader = chunks.stream.getReader()
    expect((await reader.read()).value).toEqual(new Uint8Array([1]))
    await expect(reader.read()).rejects.toThrow('disk full')
    const other = new ChunkStream(buffer)
    await other.stream.cancel()
    expect(channel.cancelled()).toBe(true)
  })
})
