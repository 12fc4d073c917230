import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { createEffect, onCleanup, onMount, untrack, type JSX } from 'solid-js'

/** What a chart draws: uPlot's options without the size, and its data. */
export interface PlotSpec {
  options: Omit<uPlot.Options, 'width' | 'height'>
  data: uPlot.AlignedData
}

export interface PlotFigureProps {
  title: string
  height?: number
  /** Builds the chart from the component's props; read reactively, so new data redraws it. */
  spec: () => PlotSpec
  /** The head and body of the table that gives the same figures to screen readers. */
  children: JSX.Element
}

const MIN_WIDTH = 280

/**
 * A uPlot chart (canvas, fast at any size) in a titled figure: drawn at the width of its box,
 * resized with it, redrawn when its data change, destroyed with the component; the figures are
 * repeated in a table that only screen readers see. BarChart and TimeChart are built on it.
 */
export function PlotFigure(props: PlotFigureProps): JSX.Element {
  let host: HTMLDivElement | undefined
  let plot: uPlot | undefined
  const height = () => props.height ?? 220

  createEffect(() => {
    const { options, data } = props.spec()
    untrack(() => {
      plot?.destroy()
      plot = host ? new uPlot({ ...options, width: Math.max(host.clientWidth, MIN_WIDTH), height: height() }, data, host) : undefined
    })
  })
  onMount(() => {
    const observer = new ResizeObserver(() => plot?.setSize({ width: Math.max(host?.clientWidth ?? 0, MIN_WIDTH), height: height() }))
    if (host) observer.observe(host)
    onCleanup(() => observer.disconnect())
  })
  onCleanup(() => plot?.destroy())

  return (
    <figure class="vt-chart">
      <figcaption>{props.title}</figcaption>
      <div ref={host} class="vt-chart-canvas" role="img" aria-label={props.title} />
      <table class="vt-sr-only">
        <caption>{props.title}</caption>
        {props.children}
      </table>
    </figure>
  )
}
