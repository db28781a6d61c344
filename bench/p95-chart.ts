// A small SVG line chart of p95 detection latency against batch size, one line per polling strategy (for the README).
import type { ScenarioResult, StrategyName } from './load-bench';

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 56, right: 220, top: 40, bottom: 48 };

type SeriesName = StrategyName | 'bound' | 'informedBound';

const SERIES: { name: SeriesName; label: string; color: string; dash?: string }[] = [
  { name: 'round-robin', label: 'round-robin under the budget', color: '#d95f02' },
  { name: 'adaptive', label: 'adaptive', color: '#1b9e77' },
  { name: 'adaptive, learned', label: 'adaptive, durations learned', color: '#7570b3' },
  { name: 'naive 5 s', label: 'naive 5 s (ignores the budget)', color: '#999999', dash: '2 4' },
  { name: 'informed', label: 'told tier and start (yardstick)', color: '#e7298a', dash: '8 3' },
  { name: 'informed, start only', label: 'told start only (yardstick)', color: '#e6ab02', dash: '8 3' },
  { name: 'bound', label: 'lower bound, any scheduler', color: '#333333', dash: '6 4' },
  { name: 'informedBound', label: 'bound, tier and start known', color: '#333333', dash: '1 3' },
];

export function renderP95Chart(bursts: readonly ScenarioResult[], budgetPerMinute: number): string {
  const value = (s: ScenarioResult, name: SeriesName) =>
    name === 'bound'
      ? s.lowerBoundP95S
      : name === 'informedBound'
        ? Math.max(...s.informedBoundPerSeedS)
        : s.strategies[name].p95S;
  const top = niceCeiling(Math.max(1, ...bursts.flatMap((s) => SERIES.map((series) => value(s, series.name)))));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (bursts.length === 1 ? plotW / 2 : (i / (bursts.length - 1)) * plotW);
  const y = (v: number) => MARGIN.top + plotH - (Math.min(v, top) / top) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">p95 finish-detection latency by batch size (${budgetPerMinute} calls/min)</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = (top * k) / 4;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)} s</text>`,
    );
  }
  bursts.forEach((s, i) => {
    parts.push(
      `<text x="${x(i)}" y="${MARGIN.top + plotH + 20}" text-anchor="middle">${escape(s.scenario.name.replace(' tasks', ''))}</text>`,
    );
  });
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 8}" text-anchor="middle" fill="#555">tasks submitted together</text>`,
  );
  SERIES.forEach((series, k) => {
    const points = bursts.map((s, i) => `${x(i).toFixed(1)},${y(value(s, series.name)).toFixed(1)}`);
    const dash = series.dash ? ` stroke-dasharray="${series.dash}"` : '';
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    for (const p of points) {
      const [cx, cy] = p.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${series.color}"/>`);
    }
    const ly = MARGIN.top + 10 + k * 22;
    const lx = MARGIN.left + plotW + 16;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 30}" y="${ly + 4}">${escape(series.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The next round number above `v` (a few steps per power of ten), so the axis reads easily without wasted height. */
function niceCeiling(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 1.2, 1.6, 2, 3, 4, 6, 8, 10].map((m) => m * power).find((c) => c >= v) ?? 10 * power;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
