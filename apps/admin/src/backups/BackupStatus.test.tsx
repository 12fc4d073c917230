import { fireEvent, render, screen, within } from '@solidjs/testing-library'
import { describe, expect, it, vi } from 'vitest'
import type { BackupStatusView } from '../api/types.ts'
import { BackupStatus } from './BackupStatus.tsx'

const H = 3_600_000
const now = Date.parse('2026-11-22T12:00:00Z')
const status = (overrides: Partial<BackupStatusView>): BackupStatusView => ({
  now: new Date(now).toISOString(),
  rpoTargetMs: 6 * H,
  schedules: [],
  lastCompleted: {
    id: 'b1',
    target: 'backup.local',
    kind: 'incremental',
    finishedAt: new Date(now - 3 * H - 12 * 60_000).toISOString(),
  },
  lastDrill: {
    ts: new Date(now - H).toISOString(),
    backupId: 'b1',
    target: 'backup.local',
    ok: true,
    rtoMs: 4_240,
    matchesCheckpoint: true,
    integrity: true,
    verified: true,
    problems: [],
  },
  ...overrides,
})
const label = (id: string) => (id === 'backup.local' ? 'Local folder' : id)

describe('BackupStatus', () => {
  it('shows the age of the last good backup against the RPO and the last drill with its RTO', () => {
    const onDrill = vi.fn()
    render(() => (
      <BackupStatus status={status({})} targetLabel={label} busy={false} onDrillNewest={onDrill} />
    ))
    const last = screen.getByRole('region', { name: 'Last good backup' })
    expect(last.textContent).toContain('Incremental · Local folder')
    expect(last.textContent).toContain('3 h 12 min')
    expect(last.textContent).toContain('Within the schedule')
    expect(last.textContent).toContain('at most 6 h between two backups')
    const drill = screen.getByRole('region', { name: 'Last restore drill' })
    expect(drill.textContent).toContain('Restored and verified')
    expect(drill.textContent).toContain('4.2 s')
    expect(within(drill).getAllByText('Yes')).toHaveLength(3)
    fireEvent.click(within(drill).getByRole('button', { name: 'Drill the newest backup' }))
    expect(onDrill).toHaveBeenCalledOnce()
  })

  it('says so when the backup is older than the schedules allow, a drill failed, or nothing ran', () => {
    const failed = status({
      rpoTargetMs: H,
      lastDrill: {
        ...status({}).lastDrill!,
        ok: false,
        verified: false,
        problems: ['The ledger verify FAILED.'],
      },
    })
    const { unmount } = render(() => (
      <BackupStatus status={failed} targetLabel={label} busy={false} onDrillNewest={() => {}} />
    ))
    expect(screen.getByText('Older than the schedules allow')).toBeTruthy()
    expect(screen.getByText('Failed')).toBeTruthy()
    expect(screen.getByText('The ledger verify FAILED.')).toBeTruthy()
    unmount()
    render(() => (
      <BackupStatus
        status={status({ rpoTargetMs: null, lastCompleted: null, lastDrill: null })}
        targetLabel={label}
        busy={false}
        onDrillNewest={() => {}}
      />
    ))
    expect(screen.getByText('No backup has completed yet.')).toBeTruthy()
    expect(screen.getByText('No restore drill has been run yet.')).toBeTruthy()
    expect(screen.getByText(/No backup is scheduled/)).toBeTruthy()
    expect(
      (screen.getByRole('button', { name: 'Drill the newest backup' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true)
  })
})
