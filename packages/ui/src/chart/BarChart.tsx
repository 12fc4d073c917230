import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { createEffect, For, onCleanup, onMount, type JSX } from 'solid-js'

export interface BarSeries {
  label: string
  values: number[]
  /** CSS colour. */
  color: string
}

export interface BarChartProps {
  title: string
  /** One label per bar group (days, severities). */
  categories: string[]
  series: BarSeries[]
  height?: number
  /** What the categories are (legend heading), e.g. "Day". */
  categoryLabel?: string
}

/**
 * Grouped bars drawn by uPlot (canvas, fast at any size), with the same figures in a table for
 * screen readers.
 */
export function BarChart(props: BarChartProps): JSX.Element {
  let host: HTMLDivElement | undefined
  let plot: uPlot | undefined

  const build = () => {
    plot?.destroy()
    if (!host) return
    const width = Math.max(host.clientWidth, 280)
    const n = props.series.length
    // Two series stand side by side (left and right of the category); one is centred.
    const barsFor = (i: number) =>
      uPlot.paths.bars!({
        size: [n === 2 ? 0.4 : 0.7, 60],
        gap: 1,
        align: n === 2 ? (i === 0 ? -1 : 1) : 0,
      })
    const options: uPlot.Options = {
      width,
      height: props.height ?? 220,
      legend: { show: n > 1 },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, props.categories.length - 0.5] } },
      axes: [
        {
          values: (_u, ticks) => ticks.map((t) => props.categories[Math.round(t)] ?? ''),
          splits: () => props.categories.map((_, i) => i),
          grid: { show: false },
        },
        { size: 56 },
      ],
      series: [
        {
          label: props.categoryLabel ?? '',
          value: (_u: uPlot, v: number | null) =>
            v === null ? '' : (props.categories[Math.round(v)] ?? ''),
        },
        ...props.series.map((s, i) => ({
          label: s.label,
          fill: s.color,
          stroke: s.color,
          width: 0,
          paths: barsFor(i),
          points: { show: false },
        })),
      ],
    }
    const x = props.categories.map((_, i) => i)
    const data: uPlot.AlignedData = [x, ...props.series.map((s) => s.values)]
    plot = new uPlot(options, data, host)
  }

  onMount(() => {
    build()
    const observer = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(host?.clientWidth ?? 0, 280), height: props.height ?? 220 }),
    )
    if (host) observer.observe(host)
    onCleanup(() => observer.disconnect())
  })
  createEffect(() => {
    void props.categories
    void props.series
    if (plot) build()
  })
  onCleanup(() => plot?.destroy())

  return (
    <figure class="vt-chart">
      <figcaption>{props.title}</figcaption>
      <div ref={host} class="vt-chart-canvas" role="img" aria-label={props.title} />
      <table class="vt-sr-only">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col" />
            <For each={props.series}>{(s) => <th scope="col">{s.label}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.categories}>
            {(c, i) => (
              <tr>
                <th scope="row">{c}</th>
                <For each={props.series}>{(s) => <td>{s.values[i()] ?? 0}</td>}</For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  )
}
