import { Progress } from '@veritrail/ui'
import { createSignal, Show, type JSX } from 'solid-js'
import type { Locale } from '../api/client.ts'
import { Unavailable } from '../admin/Unavailable.tsx'
import { capability } from '../app/capabilities.ts'
import { api } from '../app/session.ts'
import { localToIso } from '../audit/audit-query.ts'
import { formatBytes, locale, t } from '../i18n/i18n.ts'
import { dispositionName, readWithProgress, saveBlob } from './download.ts'

type Format = 'pdf' | 'csv' | 'jsonl' | 'evidence'

/** Exports of the trails (CONTRACT §7): streamed, with the bytes received shown as they arrive. */
export default function ExportsPage(): JSX.Element {
  const available = capability('exports')
  const [format, setFormat] = createSignal<Format>('pdf')
  const [trail, setTrail] = createSignal('')
  const [q, setQ] = createSignal('')
  const [from, setFrom] = createSignal('')
  const [to, setTo] = createSignal('')
  const [language, setLanguage] = createSignal<Locale>(locale())
  const [progress, setProgress] = createSignal<number | undefined>()
  const [message, setMessage] = createSignal<string | undefined>()
  const [problem, setProblem] = createSignal<string | undefined>()

  const run = async (event: Event) => {
    event.preventDefault()
    setProblem(undefined)
    setMessage(undefined)
    setProgress(0)
    try {
      const filter = Object.fromEntries(
        Object.entries({
          trail: trail(),
          q: q(),
          from: localToIso(from()),
          to: localToIso(to()),
        }).filter(([, v]) => v),
      )
      const res = await api.response('/api/v1/exports', {
        method: 'POST',
        body: { format: format(), filter, locale: language() },
      })
      const blob = await readWithProgress(res, setProgress)
      const name = dispositionName(
        res.headers.get('content-disposition'),
        `veritrail-export.${format() === 'evidence' ? 'zip' : format()}`,
      )
      saveBlob(blob, name)
      setMessage(t('exportDone', { name }))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setProgress(undefined)
    }
  }

  return (
    <section>
      <h1>{t('exportsTitle')}</h1>
      <Show when={available() !== undefined} fallback={<p class="vt-muted">{t('loading')}</p>}>
        <Show when={available()} fallback={<Unavailable />}>
          <form class="vt-form narrow" onSubmit={run}>
            <label class="vt-label">
              {t('exportFormat')}
              <select value={format()} onChange={(e) => setFormat(e.currentTarget.value as Format)}>
                <option value="pdf">{t('formatPdf')}</option>
                <option value="csv">{t('formatCsv')}</option>
                <option value="jsonl">{t('formatJsonl')}</option>
                <option value="evidence">{t('formatEvidence')}</option>
              </select>
            </label>
            <label class="vt-label">
              {t('trail')}
              <select value={trail()} onChange={(e) => setTrail(e.currentTarget.value)}>
                <option value="">{t('trailAll')}</option>
                <option value="data">{t('trailData')}</option>
                <option value="system">{t('trailSystem')}</option>
              </select>
            </label>
            <label class="vt-label">
              {t('filterSearch')}
              <input value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
            </label>
            <label class="vt-label">
              {t('filterFrom')}
              <input
                type="datetime-local"
                value={from()}
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            </label>
            <label class="vt-label">
              {t('filterTo')}
              <input
                type="datetime-local"
                value={to()}
                onInput={(e) => setTo(e.currentTarget.value)}
              />
            </label>
            <label class="vt-label">
              {t('exportLanguage')}
              <select
                value={language()}
                onChange={(e) => setLanguage(e.currentTarget.value as Locale)}
              >
                <option value="en">English</option>
                <option value="zh-CN">中文</option>
              </select>
            </label>
            <Show when={progress() !== undefined}>
              <Progress label={t('exporting', { size: formatBytes(progress() ?? 0) })} />
            </Show>
            <Show when={message()}>
              <p role="status">{message()}</p>
            </Show>
            <Show when={problem()}>
              <p class="vt-error" role="alert">
                {problem()}
              </p>
            </Show>
            <div>
              <button type="submit" class="vt-primary" disabled={progress() !== undefined}>
                {t('startExport')}
              </button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  )
}
