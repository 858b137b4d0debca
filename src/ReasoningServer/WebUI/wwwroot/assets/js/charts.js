// Charts drawn as SVG (and plain HTML bars) from the numbers given: no chart library. Every mark carries its
// series and value in data attributes, so what a chart shows can be read back exactly (the browser tests do).

import { h, s } from './dom.js';
import { compactNumber } from './format.js';

/** A "nice" axis maximum and step for values up to max (1, 2, 2.5 or 5 times a power of ten). */
function niceScale(max, ticks = 4) {
  if (max <= 0) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw);
  return { top: step * ticks, step };
}

/**
 * Stacked columns: one per bucket, a segment per series.
 * buckets: [{label, title, values: {seriesKey: number}}]; series: [{key, label}] drawn bottom-up with class fill-KEY.
 */
export function stackedColumns({ buckets, series, height = 240, testid }) {
  const width = 880;
  const left = 48;
  const bottom = 24;
  const plotHeight = height - bottom - 8;
  const plotWidth = width - left - 8;
  const totals = buckets.map((b) => series.reduce((sum, x) => sum + (b.values[x.key] ?? 0), 0));
  const { top, step } = niceScale(Math.max(0, ...totals));
  const y = (v) => 8 + plotHeight - (v / top) * plotHeight;
  const slot = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(2, Math.min(42, slot * 0.68));

  const grid = s('g', { class: 'grid' });
  const axis = s('g', { class: 'axis' });
  for (let v = 0; v <= top + step / 2; v += step) {
    grid.append(s('line', { x1: left, x2: width - 8, y1: y(v), y2: y(v) }));
    axis.append(s('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end' }, compactNumber(v)));
  }

  const marks = s('g', { class: 'marks' });
  const labelEvery = Math.ceil(buckets.length / 8);
  buckets.forEach((bucket, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    let base = 0;
    for (const { key, label } of series) {
      const value = bucket.values[key] ?? 0;
      if (value > 0) {
        marks.append(s('rect', {
          class: `seg fill-${key}`, x, width: barWidth, y: y(base + value), height: Math.max(0.5, y(base) - y(base + value)), rx: 2,
          'data-series': key, 'data-value': value, 'data-bucket': bucket.start,
        }, s('title', null, `${bucket.title}\n${label}: ${value.toLocaleString('en-US')} tokens`)));
      }
      base += value;
    }
    if (i % labelEvery === 0) {
      axis.append(s('text', { x: x + barWidth / 2, y: height - 6, 'text-anchor': 'middle' }, bucket.label));
    }
  });

  return h('div', { class: 'chart', 'data-testid': testid },
    h('div', { class: 'legend' }, series.map(({ key, label }) => h('span', null, h('i', { class: `sw-${key}` }), label))),
    s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Tokens over time' }, grid, marks, axis));
}

/** Horizontal bars, largest first: items [{key, label, sublabel, value, display}]. */
export function horizontalBars({ items, testid, empty = 'Nothing in this period.' }) {
  const sorted = [...items].sort((a, b) => b.value - a.value);
  const max = Math.max(0, ...sorted.map((i) => i.value));
  const root = h('div', { class: 'hbars', 'data-testid': testid });
  if (sorted.length === 0) root.append(h('div', { class: 'chart-empty' }, empty));
  for (const item of sorted) {
    const fill = h('span');
    fill.style.width = `${max > 0 ? (item.value / max) * 100 : 0}%`;
    root.append(h('div', { class: 'hbar', 'data-key': item.key, 'data-value': item.value },
      h('div', { class: 'name', title: item.label }, item.label, item.sublabel ? h('small', null, item.sublabel) : null),
      h('div', { class: 'track' }, fill),
      h('div', { class: 'amount' }, item.display)));
  }
  return root;
}

/** A line with its area over the last values (the live view's tokens/s), the newest at the right of capacity places. */
export function sparkline({ values, capacity, height = 120, testid, label }) {
  const width = 880;
  const max = Math.max(1, ...values);
  const { top } = niceScale(max, 2);
  const step = width / Math.max(1, capacity - 1);
  const offset = Math.max(0, capacity - values.length);
  const points = values.map((v, i) => [(offset + i) * step, height - 4 - (v / top) * (height - 12)]);
  const line = points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const area = points.length ? `${line} L${points.at(-1)[0].toFixed(1)},${height} L${points[0][0].toFixed(1)},${height} Z` : '';
  return h('div', { class: 'chart', 'data-testid': testid },
    s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' },
      s('g', { class: 'grid' }, [0.5, 1].map((f) => s('line', { x1: 0, x2: width, y1: height - 4 - f * (height - 12), y2: height - 4 - f * (height - 12) }))),
      s('path', { d: area, class: 'spark-area' }),
      s('path', { d: line, class: 'spark-line', 'vector-effect': 'non-scaling-stroke' }),
      s('g', { class: 'axis' }, s('text', { x: 4, y: 12 }, `${compactNumber(top)} tok/s`))));
}
