// Rolling line charts drawn with uPlot: a fixed window of recent samples per series, redrawn on each update.

import uPlot from '/lib/uplot/uPlot.esm.js';
import { bytes } from './format.js';

const windowSeconds = 10 * 60;

function cssColor(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

export class RollingChart {
  #element;
  #series;
  #format;
  #minTop;
  #data;
  #plot = null;
  #observer;

  constructor(element, { series, format, minTop = 1 }) {
    this.#element = element;
    this.#series = series;
    this.#format = format;
    this.#minTop = minTop;
    this.#data = [[], ...series.map(() => [])];
    this.#observer = new ResizeObserver(() => this.#resize());
    this.#observer.observe(element);
  }

  push(timeSeconds, values) {
    const [times, ...columns] = this.#data;
    times.push(timeSeconds);
    values.forEach((value, index) => columns[index].push(Number.isFinite(value) ? value : null));
    while (times.length > 0 && times[0] < timeSeconds - windowSeconds) {
      times.shift();
      columns.forEach((column) => column.shift());
    }
    if (this.#plot) {
      this.#plot.setData(this.#data);
    } else {
      this.#create();
    }
    this.#showWindow();
  }

  // The x axis always spans the whole window, so one sample is a point at the right edge, not a stretched axis.
  #showWindow() {
    const times = this.#data[0];
    if (this.#plot && times.length > 0) {
      const last = times[times.length - 1];
      this.#plot.setScale('x', { min: last - windowSeconds, max: last });
    }
  }

  // Colours come from CSS variables, so a change of theme rebuilds the chart.
  restyle() {
    if (this.#plot) {
      this.#plot.destroy();
      this.#plot = null;
      this.#create();
      this.#showWindow();
    }
  }

  #create() {
    const width = this.#element.clientWidth;
    if (width === 0 || this.#data[0].length === 0) {
      return;
    }
    const axisColor = cssColor('--muted');
    const gridColor = cssColor('--grid');
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
    this.#plot = new uPlot({
      width,
      height: 160,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: (_, min, max) => [0, Math.max(max, this.#minTop)] } },
      axes: [
        { ...axis },
        { ...axis, size: 84, values: (_, ticks) => ticks.map((tick) => this.#format(tick)) },
      ],
      series: [
        {},
        ...this.#series.map((s) => ({ label: s.label, stroke: cssColor(s.color), width: 2, points: { size: 4 } })),
      ],
    }, this.#data, this.#element);
  }

  #resize() {
    if (this.#plot) {
      this.#plot.setSize({ width: this.#element.clientWidth, height: 160 });
    } else {
      this.#create();
      this.#showWindow();
    }
  }
}

export function rateFormat(value) {
  return `${bytes(value)}/s`;
}
