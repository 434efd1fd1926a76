// The write-scale section of the benchmark (issue 11): rows with targets and
// ratios, and the chart of inbound inserts/s against members (model and floor).
import { count, ms, ratio } from "./bench-stats";
import type { Row } from "./bench-report";
import type { WriteScalePoint } from "./write-scale";

export const INSERT_RATIO_TARGET = 0.8;
export const STORAGE_TARGET_BYTES = 1024 * 1024;
export const JOIN_TARGET_MS = 10;

export function writeScaleRows(points: WriteScalePoint[]): Row[] {
  const rows: Row[] = [];
  for (const point of points) {
    const label = `(s) ${count(point.members)} members, ${count(point.contacts)} contacts`;
    const share = point.model.insertsPerSecond / point.floor.insertsPerSecond;
    rows.push({
      measurement: `${label}: inbound inserts/s, 4 clients, model / floor`,
      result: `${count(point.model.insertsPerSecond)} / ${count(point.floor.insertsPerSecond)}`,
      target: `>= ${INSERT_RATIO_TARGET}`,
      ratio: ratio(share),
      met: share >= INSERT_RATIO_TARGET,
    });
    rows.push({
      measurement: `${label}: 1-client insert latency, model / floor`,
      result: `p50 ${ms(point.model.latency.p50)} / ${ms(point.floor.latency.p50)}, p95 ${ms(point.model.latency.p95)} / ${ms(point.floor.latency.p95)}`,
      target: "-",
      ratio: ratio(point.model.latency.p50 / point.floor.latency.p50),
      met: null,
    });
    rows.push({
      measurement: `${label}: read-model storage beyond the base tables, no conversation opened`,
      result: `${(point.readModelBytes / 1024).toFixed(0)} kB`,
      target: "< 1 MB",
      ratio: ratio(point.readModelBytes / STORAGE_TARGET_BYTES) + " of target",
      met: point.readModelBytes < STORAGE_TARGET_BYTES,
    });
    const during = point.memberJoin.inboundDuringJoinMs;
    const blocked = during !== null && during > Math.max(JOIN_TARGET_MS, 5 * point.memberJoin.inboundBaselineMs);
    rows.push({
      measurement: `${label}: member join / an inbound insert while the join is uncommitted`,
      result:
        `${ms(point.memberJoin.ms)} / ${during === null ? "n/a (one transaction at a time)" : ms(during)} ` +
        `(insert p50 otherwise ${ms(point.memberJoin.inboundBaselineMs)})`,
      target: `join <= ${JOIN_TARGET_MS} ms, insert not blocked`,
      ratio: ratio(point.memberJoin.ms / JOIN_TARGET_MS) + " of target",
      met: point.memberJoin.ms <= JOIN_TARGET_MS && !blocked,
    });
    rows.push({
      measurement: `${label}: read-all, ${count(point.readAll.contacts)} contacts with unread`,
      result: ms(point.readAll.ms),
      target: "-",
      ratio: "-",
      met: null,
    });
  }
  return rows;
}

const WIDTH = 680;
const HEIGHT = 360;
const PLOT = { left: 72, right: 190, top: 48, bottom: 56 };
const COLORS = { model: "#dc2626", floor: "#2563eb", grid: "#e5e7eb", axis: "#374151", text: "#111827" };

/** Inserts/s against members (log scale), one line for the read model and one for the floor. */
export function writeScaleSvg(points: WriteScalePoint[], subtitle: string): string {
  const xs = points.map((point) => Math.log10(point.members));
  const top = Math.max(...points.flatMap((point) => [point.model.insertsPerSecond, point.floor.insertsPerSecond]));
  const yMax = Math.ceil(top / 500) * 500 || 500;
  const [xMin, xMax] = [Math.min(...xs) - 0.15, Math.max(...xs) + 0.15];
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (members: number) => PLOT.left + ((Math.log10(members) - xMin) / (xMax - xMin)) * plotWidth;
  const y = (value: number) => PLOT.top + plotHeight - (value / yMax) * plotHeight;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="22" font-size="15" font-weight="600" fill="${COLORS.text}">Inbound message inserts/s against team size (4 clients)</text>`,
    `<text x="${PLOT.left}" y="38" fill="#4b5563">${subtitle.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</text>`,
  ];
  for (let tick = 0; tick <= yMax; tick += yMax / 5) {
    parts.push(`<line x1="${PLOT.left}" y1="${y(tick)}" x2="${PLOT.left + plotWidth}" y2="${y(tick)}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${y(tick) + 4}" text-anchor="end" fill="${COLORS.axis}">${count(tick)}</text>`);
  }
  for (const point of points) {
    parts.push(`<text x="${x(point.members)}" y="${PLOT.top + plotHeight + 18}" text-anchor="middle" fill="${COLORS.axis}">${count(point.members)}</text>`);
  }
  parts.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${COLORS.axis}"/>`);
  parts.push(`<text x="${PLOT.left + plotWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle" fill="${COLORS.text}">members of the organization (log scale)</text>`);
  parts.push(`<text transform="translate(16 ${PLOT.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="${COLORS.text}">inserts per second</text>`);
  for (const series of ["floor", "model"] as const) {
    const coords = points.map((point) => `${x(point.members).toFixed(1)},${y(point[series].insertsPerSecond).toFixed(1)}`);
    parts.push(`<polyline points="${coords.join(" ")}" fill="none" stroke="${COLORS[series]}" stroke-width="2.5"/>`);
    for (const point of points) {
      parts.push(
        `<circle cx="${x(point.members).toFixed(1)}" cy="${y(point[series].insertsPerSecond).toFixed(1)}" r="4" fill="${COLORS[series]}">` +
          `<title>${series}: ${point.members} members, ${point[series].insertsPerSecond.toFixed(0)} inserts/s</title></circle>`,
      );
    }
  }
  const legendX = PLOT.left + plotWidth + 16;
  const legend = [
    ["model", "read model v2", "with the read model"],
    ["floor", "floor", "base schema only"],
  ] as const;
  legend.forEach(([series, name, note], index) => {
    const legendY = PLOT.top + 10 + index * 40;
    parts.push(`<line x1="${legendX}" y1="${legendY}" x2="${legendX + 22}" y2="${legendY}" stroke="${COLORS[series]}" stroke-width="2.5"/>`);
    parts.push(`<text x="${legendX + 30}" y="${legendY + 4}" fill="${COLORS.text}">${name}</text>`);
    parts.push(`<text x="${legendX + 30}" y="${legendY + 19}" fill="#6b7280" font-size="11">${note}</text>`);
  });
  const ratios = points.map((point) => point.model.insertsPerSecond / point.floor.insertsPerSecond);
  parts.push(`<text x="${legendX}" y="${PLOT.top + 110}" fill="${COLORS.text}" font-weight="600">model / floor:</text>`);
  points.forEach((point, index) => {
    parts.push(`<text x="${legendX}" y="${PLOT.top + 128 + index * 16}" fill="${COLORS.text}">${count(point.members)}: ${ratios[index].toFixed(2)}x</text>`);
  });
  parts.push(`</svg>`);
  return `${parts.join("\n")}\n`;
}
