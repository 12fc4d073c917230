import { describe, expect, it } from 'vitest'
import {
  axisUnit,
  durationParts,
  timeDetail,
  goodBackups,
  rpoSeries,
  sizeSeries,
  type CatalogBackup,
} from './backup-series.ts'

const H = 3_600_000
const t0 = Date.parse('2026-11-20T02:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()
let n = 0
const backup = (
  at: number,
  kind: CatalogBackup['kind'],
  bytes: number | null,
  status: CatalogBackup['status'] = 'completed',
): CatalogBackup => ({
  id: `b${++n}`,
  kind,
  status,
  bytes,
  startedAt: iso(at - 60_000),
  finishedAt: status === 'running' ? null : iso(at),
})

// Newest first, as the API lists them: a full, two incrementals, a failure, a pruned full.
const catalog: CatalogBackup[] = [
  backup(t0 + 10 * H, 'incremental', 2_000),
  backup(t0 + 9 * H, 'incremental', null, 'failed'),
  backup(t0 + 6 * H, 'incremental', 1_500),
  backup(t0 + 4 * H, 'full', 90_000),
  backup(t0, 'full', 80_000, 'pruned'),
  backup(t0 + 11 * H, 'full', null, 'running'),
]

describe('backup series (charts of the backups page)', () => {
  it('keeps only backups that held the data when they finished, oldest first', () => {
    expect(goodBackups(catalog).map((b) => b.bytes)).toEqual([80_000, 90_000, 1_500, 2_000])
  })

  it('puts full and incremental sizes in separate series on one time axis', () => {
    expect(sizeSeries(catalog)).toEqual({
      times: [t0, t0 + 4 * H, t0 + 6 * H, t0 + 10 * H],
      full: [80_000, 90_000, null, null],
      incremental: [null, null, 1_500, 2_000],
    })
    expect(sizeSeries([])).toEqual({ times: [], full: [], incremental: [] })
  })

  it('gives the window between good backups (a failure does not close it) and the current age against the target', () => {
    const now = t0 + 13 * H
    const rpo = rpoSeries(catalog, now, 6 * H)
    expect(rpo.times).toEqual([t0, t0 + 4 * H, t0 + 6 * H, t0 + 10 * H, now])
    expect(rpo.window).toEqual([null, 4 * H, 2 * H, 4 * H, null])
    expect(rpo.current).toEqual([null, null, null, null, 3 * H])
    expect(rpo.target).toEqual([6 * H, 6 * H, 6 * H, 6 * H, 6 * H])
    expect(rpo.currentAgeMs).toBe(3 * H)
    expect(rpo.worstMs).toBe(4 * H)
    // Long after the last backup: the current age is the worst window.
    expect(rpoSeries(catalog, t0 + 40 * H, null)).toMatchObject({
      currentAgeMs: 30 * H,
      worstMs: 30 * H,
      target: [null, null, null, null, null],
    })
  })

  it('has no window and no age without a good backup', () => {
    const failed = [backup(t0, 'full', null, 'failed')]
    expect(rpoSeries(failed, t0 + H, H)).toEqual({
      times: [],
      window: [],
      current: [],
      target: [],
      currentAgeMs: null,
      worstMs: null,
    })
  })
})

describe('durations', () => {
  it('reads in the two largest units and picks an axis unit', () => {
    expect(durationParts(3 * H + 12 * 60_000 + 5_000)).toEqual([
      { unit: 'h', n: 3 },
      { unit: 'min', n: 12 },
    ])
    expect(durationParts(2 * 86_400_000 + 30_000)).toEqual([{ unit: 'd', n: 2 }])
    expect(durationParts(45_400)).toEqual([{ unit: 's', n: 45 }])
    expect(durationParts(0)).toEqual([{ unit: 's', n: 0 }])
    expect(axisUnit(45_000)).toBe('s')
    expect(axisUnit(90 * 60_000)).toBe('min')
    expect(axisUnit(30 * H)).toBe('h')
    expect(axisUnit(96 * H)).toBe('d')
    expect([timeDetail(5 * 60_000), timeDetail(30 * H), timeDetail(30 * 24 * H)]).toEqual([
      'seconds',
      'minutes',
      'days',
    ])
  })
})
