import { BarChart } from '@veritrail/ui/chart'
import { Progress } from '@veritrail/ui'
import { createResource, Show, Suspense, type JSX } from 'solid-js'
import type { AuditPage, CoverageRow, Finding, Health, Review, Trail } from '../api/types.ts'
import { api, hasRole } from '../app/session.ts'
import { capability } from '../app/capabilities.ts'
import { severityLabel } from '../reviews/ReviewWorkspace.tsx'
import { locale, t } from '../i18n/i18n.ts'
import { dayBoundaries, entriesPerDay } from './entries-per-day.ts'

const DAYS = 14
const SEVERITIES = ['critical', 'warning', 'info'] as const

/** Findings of open reviews that have no resolution yet, by severity. */
export function openFindings(reviews: Review[]): Record<Finding['severity'], number> {
  const counts = { info: 0, warning: 0, critical: 0 }
  for (const r of reviews) for (const f of r.findings) if (!f.resolution) counts[f.severity]++
  return counts
}

/** Reviewed and unreviewed entries per trail, summed over record types. */
export function coverageByTrail(
  rows: CoverageRow[],
): Record<Trail, { reviewed: number; unreviewed: number }> {
  const out = { data: { reviewed: 0, unreviewed: 0 }, system: { reviewed: 0, unreviewed: 0 } }
  for (const r of rows) {
    out[r.trail].reviewed += r.reviewed
    out[r.trail].unreviewed += r.unreviewed
  }
  return out
}

async function firstSeqFrom(trail: Trail, iso: string): Promise<number | undefined> {
  const page = await api.json<AuditPage>(
    `/api/v1/audit?trail=${trail}&from=${encodeURIComponent(iso)}&order=asc&limit=1`,
  )
  return page.entries[0]?.seq
}

/** The times of a trail's oldest and newest entries (two cheap queries: no time filter). */
async function trailSpan(trail: Trail): Promise<{ firstTs?: string; lastTs?: string }> {
  const [oldest, newest] = await Promise.all(
    (['asc', 'desc'] as const).map((order) =>
      api.json<AuditPage>(`/api/v1/audit?trail=${trail}&order=${order}&limit=1`),
    ),
  )
  const firstTs = oldest!.entries[0]?.ts
  const lastTs = newest!.entries[0]?.ts
  return { ...(firstTs ? { firstTs } : {}), ...(lastTs ? { lastTs } : {}) }
}

/** Entries per day of both trails, and — once the review service exists — findings and coverage. */
export default function DashboardPage(): JSX.Element {
  const [perDay] = createResource(locale, async (loc) => {
    const health = await api.json<Health>('/api/v1/health')
    const days = dayBoundaries(DAYS)
    const [data, system] = await Promise.all(
      (['data', 'system'] as Trail[]).map(async (trail) => {
        const span = { size: health.trails[trail].size, ...(await trailSpan(trail)) }
        return entriesPerDay(days, span, (iso) => firstSeqFrom(trail, iso))
      }),
    )
    const format = new Intl.DateTimeFormat(loc, { month: 'numeric', day: 'numeric' })
    return {
      categories: days.slice(0, -1).map((d) => format.format(d)),
      data: data!,
      system: system!,
    }
  })
  const reviewsAvailable = capability('reviews')
  const [reviewStats] = createResource(
    () => reviewsAvailable() === true && hasRole('reviewer', 'qa', 'auditor'),
    async (allowed) => {
      if (!allowed) return undefined
      try {
        const [list, coverage] = await Promise.all([
          api.json<Review[]>('/api/v1/reviews'),
          api.json<CoverageRow[]>('/api/v1/reviews/coverage'),
        ])
        const open = list.filter((r) => !r.completed).slice(0, 20)
        const details = await Promise.all(
          open.map((r) => api.json<Review>(`/api/v1/reviews/${encodeURIComponent(r.id)}`)),
        )
        return { findings: openFindings(details), coverage: coverageByTrail(coverage) }
      } catch {
        return undefined
      }
    },
  )
  return (
    <section class="dashboard">
      <h1>{t('dashboardTitle')}</h1>
      <Suspense fallback={<Progress label={t('countingEntries')} />}>
        <Show when={perDay()}>
          {(d) => (
            <BarChart
              title={t('entriesPerDay', { days: DAYS })}
              categoryLabel={t('when')}
              categories={d().categories}
              series={[
                { label: t('trailData'), values: d().data, color: '#0b5cad' },
                { label: t('trailSystem'), values: d().system, color: '#9aa7b4' },
              ]}
            />
          )}
        </Show>
      </Suspense>
      <Suspense>
        <Show
          when={reviewStats()}
          fallback={
            <p class="vt-muted">{reviewsAvailable() === false ? t('reviewsUnavailable') : ''}</p>
          }
        >
          {(stats) => (
            <div class="chart-row">
              <BarChart
                title={t('findingsBySeverity')}
                categories={SEVERITIES.map(severityLabel)}
                series={[
                  {
                    label: t('findings'),
                    values: SEVERITIES.map((s) => stats().findings[s]),
                    color: '#b42318',
                  },
                ]}
              />
              <BarChart
                title={t('reviewCoverage')}
                categories={[t('trailData'), t('trailSystem')]}
                series={[
                  {
                    label: t('reviewed'),
                    values: [stats().coverage.data.reviewed, stats().coverage.system.reviewed],
                    color: '#1a7f37',
                  },
                  {
                    label: t('notReviewed'),
                    values: [stats().coverage.data.unreviewed, stats().coverage.system.unreviewed],
                    color: '#d4a72c',
                  },
                ]}
              />
            </div>
          )}
        </Show>
      </Suspense>
    </section>
  )
}
