import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Okabe–Ito colours: told apart with every common colour-vision deficiency. */
export const PALETTE = { blue: '#0072B2', orange: '#E69F00', green: '#009E73', vermillion: '#D55E00' };

export interface Series {
  label: string;
  values: number[];
  color: string;
}

export interface TrendChartProps {
  /** Unix seconds of each point. */
  times: number[];
  series: Series[];
  /** What the chart shows, for screen readers. */
  description: string;
  height?: number;
}

/** A line chart drawn on canvas by uPlot: stays fast with thousands of points. */
export function TrendChart({ times, series, description, height = 260 }: TrendChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot(
      {
        width: Math.max(280, element.clientWidth),
        height,
        legend: { show: true },
        axes: [{ stroke: 'currentColor' }, { stroke: 'currentColor', size: 70 }],
        series: [{}, ...series.map((line) => ({ label: line.label, stroke: line.color, width: 2 }))],
      },
      [times, ...series.map((line) => line.values)],
      element,
    );
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(280, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, height]);
  return <div ref={container} className="chart" role="img" aria-label={description} />;
}
