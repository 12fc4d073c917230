import uPlot from 'uplot'
import { For, type JSX } from 'solid-js'
import { PlotFigure, type PlotSpec } from './PlotFigure.tsx'

export interface TimeSeries {
  label: string
  /** One value per time; null where the series has no point. */
  values: (number | null)[]
  /** CSS colour. */
  color: string
  /** Bars (amounts), a line with points (a measure over time), points only, or a dashed level. */
  style: 'bars' | 'line' | 'points' | 'level'
}

export interface TimeChartProps {
  title: string
  /** Times in milliseconds since the epoch, ascending. */
  times: number[]
  series: TimeSeries[]
  /** Axis heading of the values, e.g. "MB" or "hours". */
  valueLabel: string
  formatValue: (value: number) => string
  /** A time as the reader reads it (axis ticks, legend, table). */
  formatTime: (ms: number) => string
  /** Legend and table heading of the time column. */
  timeLabel: string
  height?: number
}

function seriesOptions(s: TimeSeries, format: (v: number) => string): uPlot.Series {
  const base = {
    label: s.label,
    stroke: s.color,
    value: (_u: uPlot, v: number | null) => (v === null ? '' : format(v)),
  }
  switch (s.style) {
    case 'bars':
      return {
        ...base,
        fill: s.color,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.6, 18], align: 0 }),
        points: { show: false },
      }
    case 'points':
      return {
        ...base,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, fill: s.color, stroke: s.color },
      }
    case 'level':
      return { ...base, width: 1.5, dash: [6, 4], points: { show: false }, spanGaps: true }
    default:
      return { ...base, width: 2, points: { show: true, size: 6, fill: s.color }, spanGaps: true }
  }
}

/**
 * Series over time drawn by uPlot (canvas): bars, lines, points and level lines on one time
 * axis, with the same figures in a table for screen readers.
 */
export function TimeChart(props: TimeChartProps): JSX.Element {
  const spec = (): PlotSpec => ({
    options: {
      ms: 1,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        // A margin left and right, so bars at the ends are drawn whole.
        x: {
          range: (_u, min, max) => {
            const pad = Math.max((max - min) * 0.05, 30_000)
            return [min - pad, max + pad]
          },
        },
        y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { values: (_u, ticks) => ticks.map((t) => props.formatTime(t)), space: 90 },
        { size: 64, label: props.valueLabel, values: (_u, ticks) => ticks.map(props.formatValue) },
      ],
      series: [
        {
          label: props.timeLabel,
          value: (_u: uPlot, v: number | null) => (v === null ? '' : props.formatTime(v)),
        },
        ...props.series.map((s) => seriesOptions(s, props.formatValue)),
      ],
    },
    data: [props.times, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
  })

  return (
    <PlotFigure title={props.title} height={props.height} spec={spec}>
      <thead>
        <tr>
          <th scope="col">{props.timeLabel}</th>
          <For each={props.series}>{(s) => <th scope="col">{s.label}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.times}>
          {(time, i) => (
            <tr>
              <th scope="row">{props.formatTime(time)}</th>
              <For each={props.series}>
                {(s) => {
                  const v = s.values[i()]
                  return <td>{v === null || v === undefined ? '' : props.formatValue(v)}</td>
                }}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </PlotFigure>
  )
}
