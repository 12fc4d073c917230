export { BarChart, type BarChartProps, type BarSeries } from './BarChart.tsx'
export { TimeChart, type TimeChartProps, type TimeSeries } from './TimeChart.tsx'
export { PlotFigure, type PlotFigureProps, type PlotSpec } from './PlotFigure.tsx'
