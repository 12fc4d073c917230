import uPlot from 'uplot'
import { For, type JSX } from 'solid-js'
import { PlotFigure, type PlotSpec } from './PlotFigure.tsx'

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

/** Grouped bars, with the same figures in a table for screen readers. */
export function BarChart(props: BarChartProps): JSX.Element {
  const spec = (): PlotSpec => {
    const n = props.series.length
    // Two series stand side by side (left and right of the category); one is centred.
    const barsFor = (i: number) =>
      uPlot.paths.bars!({
        size: [n === 2 ? 0.4 : 0.7, 60],
        gap: 1,
        align: n === 2 ? (i === 0 ? -1 : 1) : 0,
      })
    return {
      options: {
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
      },
      data: [props.categories.map((_, i) => i), ...props.series.map((s) => s.values)],
    }
  }

  return (
    <PlotFigure title={props.title} height={props.height} spec={spec}>
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
    </PlotFigure>
  )
}
