// The cost curve as a small hand-written SVG (no chart library): database
// execution time against backlog depth, both axes logarithmic, counters vs the
// reference COUNT(*) query.

export type CurvePoint = { depth: number; counters: { p50: number; p95: number }; reference: { p50: number; p95: number } };

const WIDTH = 680;
const HEIGHT = 380;
const PLOT = { left: 72, right: 200, top: 48, bottom: 56 };
const COLORS = { counters: "#dc2626", reference: "#2563eb", grid: "#e5e7eb", axis: "#374151", text: "#111827" };

const log10 = Math.log10;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function decades(min: number, max: number): number[] {
  const values: number[] = [];
  for (let exponent = Math.floor(log10(min)); exponent <= Math.ceil(log10(max)); exponent++) values.push(10 ** exponent);
  return values;
}

function label(value: number, unit: string): string {
  if (value >= 1000) return `${(value / 1000).toLocaleString("en")}k${unit}`;
  return `${value}${unit}`;
}

export function costCurveSvg(points: CurvePoint[], subtitle: string): string {
  const xs = points.map((point) => Math.max(point.depth, 1));
  const ys = points.flatMap((point) => [point.counters.p50, point.counters.p95, point.reference.p50, point.reference.p95]);
  const xTicks = decades(Math.min(...xs), Math.max(...xs));
  const yTicks = decades(Math.max(Math.min(...ys), 1e-3), Math.max(...ys));
  const [xMin, xMax] = [log10(xTicks[0]), log10(xTicks.at(-1)!)];
  const [yMin, yMax] = [log10(yTicks[0]), log10(yTicks.at(-1)!)];
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (value: number) => PLOT.left + ((log10(Math.max(value, 1)) - xMin) / (xMax - xMin || 1)) * plotWidth;
  const y = (value: number) =>
    PLOT.top + plotHeight - ((log10(Math.max(value, 10 ** yMin)) - yMin) / (yMax - yMin || 1)) * plotHeight;
  const parts: string[] = [];
  const push = (text: string) => parts.push(text);

  push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`);
  push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  push(`<text x="${PLOT.left}" y="22" font-size="15" font-weight="600" fill="${COLORS.text}">Unread counts: database time vs backlog depth (10 contacts per set)</text>`);
  push(`<text x="${PLOT.left}" y="38" fill="#4b5563">${escape(subtitle)}</text>`);
  for (const tick of xTicks) {
    push(`<line x1="${x(tick)}" y1="${PLOT.top}" x2="${x(tick)}" y2="${PLOT.top + plotHeight}" stroke="${COLORS.grid}"/>`);
    push(`<text x="${x(tick)}" y="${PLOT.top + plotHeight + 18}" text-anchor="middle" fill="${COLORS.axis}">${label(tick, "")}</text>`);
  }
  for (const tick of yTicks) {
    push(`<line x1="${PLOT.left}" y1="${y(tick)}" x2="${PLOT.left + plotWidth}" y2="${y(tick)}" stroke="${COLORS.grid}"/>`);
    push(`<text x="${PLOT.left - 8}" y="${y(tick) + 4}" text-anchor="end" fill="${COLORS.axis}">${tick < 1 ? tick : label(tick, "")} ms</text>`);
  }
  push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${COLORS.axis}"/>`);
  push(`<text x="${PLOT.left + plotWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle" fill="${COLORS.text}">unread messages per contact (log scale)</text>`);
  push(`<text transform="translate(16 ${PLOT.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="${COLORS.text}">execution time, p50 (bar: p95)</text>`);

  for (const series of ["reference", "counters"] as const) {
    const color = COLORS[series];
    const coords = points.map((point) => `${x(point.depth).toFixed(1)},${y(point[series].p50).toFixed(1)}`);
    push(`<polyline points="${coords.join(" ")}" fill="none" stroke="${color}" stroke-width="2.5"/>`);
    for (const point of points) {
      const cx = x(point.depth).toFixed(1);
      push(`<line x1="${cx}" y1="${y(point[series].p50).toFixed(1)}" x2="${cx}" y2="${y(point[series].p95).toFixed(1)}" stroke="${color}" stroke-width="1.5"/>`);
      push(`<circle cx="${cx}" cy="${y(point[series].p50).toFixed(1)}" r="4" fill="${color}"><title>${series}: ${point.depth} unread, p50 ${point[series].p50.toFixed(3)} ms, p95 ${point[series].p95.toFixed(3)} ms</title></circle>`);
    }
  }
  const legendX = PLOT.left + plotWidth + 16;
  const legend = [
    ["reference", "COUNT(*) on each request"],
    ["counters", "primary-key lookup"],
  ] as const;
  legend.forEach(([series, text], index) => {
    const top = PLOT.top + 10 + index * 40;
    push(`<line x1="${legendX}" y1="${top}" x2="${legendX + 22}" y2="${top}" stroke="${COLORS[series]}" stroke-width="2.5"/>`);
    push(`<circle cx="${legendX + 11}" cy="${top}" r="4" fill="${COLORS[series]}"/>`);
    push(`<text x="${legendX + 30}" y="${top + 4}" fill="${COLORS.text}">${series === "counters" ? "counters" : "reference"}</text>`);
    push(`<text x="${legendX + 30}" y="${top + 19}" fill="#6b7280" font-size="11">${text}</text>`);
  });
  const last = points.at(-1);
  if (last) {
    const speedup = last.reference.p50 / last.counters.p50;
    const top = PLOT.top + 110;
    push(`<text x="${legendX}" y="${top}" fill="${COLORS.text}" font-weight="600">at ${label(last.depth, "")} unread:</text>`);
    push(`<text x="${legendX}" y="${top + 18}" fill="${COLORS.text}">${Math.round(speedup).toLocaleString("en")}x faster</text>`);
    push(`<text x="${legendX}" y="${top + 36}" fill="#6b7280" font-size="11">${last.counters.p50.toFixed(3)} ms vs ${last.reference.p50.toFixed(0)} ms</text>`);
  }
  push(`</svg>`);
  return `${parts.join("\n")}\n`;
}
