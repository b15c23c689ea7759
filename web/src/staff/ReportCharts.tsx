// The dashboard's charts (Chart.js): one component draws one chart and redraws when its data changes.
import { useEffect, useRef } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only what these charts use: keeps the bundle small.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export const COLORS = { accent: '#6d3fc0', accentSoft: 'rgba(109, 63, 192, 0.25)', money: '#1e8a5a', danger: '#c0392b' };

export function ChartCanvas(props: { config: ChartConfiguration; testid: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    // No animation: the figures are there at once (and a screenshot or a test sees the finished chart).
    const config = { ...props.config, options: { animation: false, maintainAspectRatio: false, responsive: true, ...props.config.options } };
    chart.current = new Chart(canvas.current, config as ChartConfiguration);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [props.config]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} data-testid={props.testid} role="img" aria-label={props.label} />
    </div>
  );
}
