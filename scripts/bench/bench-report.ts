// The benchmark's verdict: every measurement next to its target (issue 8) and
// the measured ratio, printed as a table and written into BENCHMARKS.md.
import { ms, ratio, count, type Summary } from "./bench-stats";
import type { DbMeasurement } from "./measure-db";
import type { FanoutLevel } from "./measure-fanout";
import type { MarkReadResult, ThroughputResult } from "./measure-http";
import type { WriteCosts } from "./measure-writes";
import type { WriteScalePoint } from "./write-scale";
import { writeScaleRows } from "./write-scale-report";
import type { MemoryPeak } from "./server-memory";

export type BenchResults = {
  command: string;
  scale: number;
  smoke: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string; postgres: string };
  dataset: { contacts: number; users: number; messages: number; readStates: number; reused: boolean; seconds: number };
  batches: (DbMeasurement & { http?: Summary })[];
  curve: DbMeasurement[];
  markRead?: MarkReadResult;
  writes?: WriteCosts;
  writeScale?: WriteScalePoint[];
  throughput?: { connections: number; seconds: number; counts: ThroughputResult; cheapest: ThroughputResult; setKey: string };
  realtime?: Summary;
  fanout?: FanoutLevel[];
  memory?: MemoryPeak;
  exactness: { checks: number; pairs: number };
};

export type Row = { measurement: string; result: string; target: string; ratio: string; met: boolean | null };

export function targetRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const batch of results.batches) {
    const size = batch.set.contactIds.length;
    const db =
      `p50 ${ms(batch.counters.p50)}, p95 ${ms(batch.counters.p95)} ` +
      `(round trip via Prisma p50 ${ms(batch.countersRoundTrip.p50)}, p95 ${ms(batch.countersRoundTrip.p95)})`;
    rows.push({
      measurement: `(a) ${batch.set.key}: counts, DB execution`,
      result: db,
      target: size === 100 ? "p95 <= 1 ms" : "-",
      ratio: size === 100 ? ratio(batch.counters.p95 / 1) + " of target" : "-",
      met: size === 100 ? batch.counters.p95 <= 1 : null,
    });
    if (batch.http) {
      rows.push({
        measurement: `(a) ${batch.set.key}: counts, HTTP`,
        result: `p50 ${ms(batch.http.p50)}, p95 ${ms(batch.http.p95)}`,
        target: size === 100 ? "p95 <= 20 ms" : "-",
        ratio: size === 100 ? ratio(batch.http.p95 / 20) + " of target" : "-",
        met: size === 100 ? batch.http.p95 <= 20 : null,
      });
    }
    const speedup = batch.reference.p50 / batch.counters.p50;
    const deep = batch.set.key.startsWith("deep");
    rows.push({
      measurement: `(b) ${batch.set.key}: reference query, DB execution`,
      result: `p50 ${ms(batch.reference.p50)}, p95 ${ms(batch.reference.p95)} (${count(batch.unread)} unread)`,
      target: deep ? "counters >= 100x faster" : "counters never slower",
      ratio: `${ratio(speedup)} faster`,
      met: deep ? speedup >= 100 : speedup >= 1,
    });
  }
  for (const point of results.curve) {
    const speedup = point.reference.p50 / point.counters.p50;
    const shallow = (point.set.depth ?? 0) <= 10;
    const deep = (point.set.depth ?? 0) >= 10_000;
    rows.push({
      measurement: `(c) 10 contacts x ${count(point.set.depth ?? 0)} unread: counters / reference`,
      result: `${ms(point.counters.p50)} / ${ms(point.reference.p50)} (p95 ${ms(point.counters.p95)} / ${ms(point.reference.p95)})`,
      target: deep ? "counters >= 100x faster" : shallow ? "counters never slower" : "-",
      ratio: `${ratio(speedup)} faster`,
      met: deep ? speedup >= 100 : shallow ? speedup >= 1 : null,
    });
  }
  const shallowest = results.curve[0];
  const deepest = results.curve.at(-1);
  if (shallowest && deepest) {
    const growth = deepest.counters.p50 / shallowest.counters.p50;
    rows.push({
      measurement: `(c) flat curve: ${count(deepest.set.depth ?? 0)}-deep / ${count(shallowest.set.depth ?? 0)}-deep set`,
      result: `p50 ${ratio(growth)}, p95 ${ratio(deepest.counters.p95 / shallowest.counters.p95)}`,
      target: "<= 2x",
      ratio: ratio(growth),
      met: growth <= 2,
    });
  }
  if (results.writes) {
    const { writes } = results;
    const pair = (label: string, loaded: Summary, idle: Summary, idleLabel: string) =>
      rows.push({
        measurement: label,
        result: `p50 ${ms(loaded.p50)}, p95 ${ms(loaded.p95)} (${idleLabel}: p50 ${ms(idle.p50)}, p95 ${ms(idle.p95)})`,
        target: "-",
        ratio: `+${ms(loaded.p50 - idle.p50)} p50`,
        met: null,
      });
    pair(`(w) insert of a counted message (${writes.members} members)`, writes.inbound, writes.outbound, "outbound");
    pair("(w) mark-read upsert that moves the position", writes.markReadMoving, writes.markReadUnmoved, "position kept");
    rows.push({
      measurement: `(w) read-all, ${count(writes.readAll.contacts)} contacts with unread / a member joins`,
      result: `${ms(writes.readAll.ms)} (batches of 500) / ${ms(writes.memberJoin.ms)}`,
      target: "-",
      ratio: "-",
      met: null,
    });
  }
  if (results.writeScale) rows.push(...writeScaleRows(results.writeScale));
  if (results.markRead) {
    const load = results.markRead;
    rows.push({
      measurement: `(d) mark-read, ${load.clients} clients, ${load.seconds.toFixed(0)} s`,
      result:
        `${load.requestsPerSecond.toFixed(0)} req/s (${load.acceptedPerSecond.toFixed(0)}/s accepted); ` +
        `204 p50 ${ms(load.accepted.p50)} p95 ${ms(load.accepted.p95)}; all p50 ${ms(load.all.p50)} p95 ${ms(load.all.p95)}; ` +
        Object.entries(load.statuses).map(([status, n]) => `${n} x ${status}`).join(", "),
      target: "no errors but documented 429s",
      ratio: "-",
      met: Object.keys(load.statuses).every((status) => status === "204" || status === "429"),
    });
  }
  if (results.throughput) {
    const { counts, cheapest } = results.throughput;
    const share = counts.requestsPerSecond / cheapest.requestsPerSecond;
    rows.push({
      measurement: `(e) throughput, ${results.throughput.connections} connections: counts (${results.throughput.setKey}) / cheapest`,
      result: `${counts.requestsPerSecond.toFixed(0)} / ${cheapest.requestsPerSecond.toFixed(0)} req/s (p50 ${counts.latency.p50} / ${cheapest.latency.p50} ms)`,
      target: ">= 0.5",
      ratio: ratio(share),
      met: share >= 0.5,
    });
  }
  if (results.realtime) {
    rows.push({
      measurement: `(f) realtime: webhook -> pusher-js (${results.realtime.n} messages)`,
      result: `p50 ${ms(results.realtime.p50)}, p95 ${ms(results.realtime.p95)}`,
      target: "p95 < 100 ms",
      ratio: ratio(results.realtime.p95 / 100) + " of target",
      met: results.realtime.p95 < 100,
    });
  }
  for (const level of results.fanout ?? []) {
    rows.push({
      measurement: `(h) fan-out, ${level.clients} client${level.clients === 1 ? "" : "s"}: requests per message per client (${level.messages} messages at ${level.ratePerSecond}/s)`,
      result:
        `${level.requestsPerMessagePerClient.toFixed(3)}; staleness p50 ${ms(level.staleness.p50)}, p95 ${ms(level.staleness.p95)}` +
        (results.realtime ? ` (delivery p95 ${ms(results.realtime.p95)})` : "") +
        (level.exact ? "" : "; NOT EXACT"),
      target: "<= 0.02",
      ratio: ratio(level.requestsPerMessagePerClient / 0.02) + " of target",
      met: level.exact && level.requestsPerMessagePerClient <= 0.02,
    });
  }
  if (results.memory) {
    rows.push({
      measurement: `(g) server peak memory (${results.memory.processes} process${results.memory.processes === 1 ? "" : "es"})`,
      result: `VmHWM ${results.memory.peakHwmMb.toFixed(0)} MB; peak RSS of the tree ${results.memory.peakTreeRssMb.toFixed(0)} MB`,
      target: "-",
      ratio: "-",
      met: null,
    });
  }
  return rows;
}

const mark = (met: boolean | null) => (met === null ? "" : met ? "met" : "MISSED");

export function printTable(rows: Row[], smoke: boolean) {
  const widths = [0, 1, 2, 3].map((column) =>
    Math.max(...rows.map((row) => [row.measurement, row.result, row.target, row.ratio][column].length)),
  );
  console.log("");
  for (const row of rows) {
    const cells = [row.measurement, row.result, row.target, row.ratio].map((cell, index) => cell.padEnd(widths[index]));
    console.log(`  ${cells.join("  ")}  ${smoke ? "" : mark(row.met)}`);
  }
  console.log("");
}

export function resultsMarkdown(results: BenchResults, rows: Row[]): string {
  const { machine, dataset } = results;
  const lines = [
    `Run of ${results.startedAt.slice(0, 16).replace("T", " ")} UTC, \`${results.command}\`, ${results.durationSeconds.toFixed(0)} s end to end` +
      (dataset.reused ? " (dataset reused from an earlier run of the same scale)" : "") + ".",
    "",
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(0)} GB RAM, ${machine.os}; Node ${machine.node}; ${machine.postgres}.`,
    `- Dataset: 1 organization, ${dataset.users} users, ${count(dataset.contacts)} contacts, ${count(dataset.messages)} messages, ` +
      `${count(dataset.readStates)} read states` + (dataset.reused ? "." : `, generated in ${dataset.seconds.toFixed(0)} s.`),
    `- Exactness: ${count(results.exactness.checks)} answers compared with the oracle (every measured set, in SQL and over HTTP), ` +
      `then all ${count(results.exactness.pairs)} (user, contact) counts after the load: all equal.`,
    "",
    "| Measurement | Result | Target | Ratio | |",
    "|---|---|---|---|---|",
    ...rows.map((row) => `| ${row.measurement} | ${row.result} | ${row.target} | ${row.ratio} | ${mark(row.met)} |`),
    "",
    "![Cost curve](docs/bench/cost-curve.svg)",
    ...(results.writeScale ? ["", "![Write scale](docs/bench/write-scale.svg)"] : []),
  ];
  return lines.join("\n");
}

export const RESULTS_START = "<!-- bench:results:start (rewritten by npm run bench) -->";
export const RESULTS_END = "<!-- bench:results:end -->";

/** BENCHMARKS.md with its results section replaced. */
export function rewriteResults(document: string, section: string): string {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`BENCHMARKS.md lacks the ${RESULTS_START} ... ${RESULTS_END} markers`);
  }
  return `${document.slice(0, start + RESULTS_START.length)}\n${section}\n${document.slice(end)}`;
}
