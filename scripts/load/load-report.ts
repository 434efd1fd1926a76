// The load run's verdict and report: a summary on the console and, unless
// LOAD_WRITE_BENCHMARKS=0, the Load section of BENCHMARKS.md. It passes only
// with 0 errors, 0 timeouts and 0 non-2xx answers other than the documented
// 429s, clean background webhooks, the security headers present, and exact
// counts afterwards (when they could be checked).
import os from "node:os";
import path from "node:path";
import type { AutocannonResult } from "autocannon";
import { repoRoot } from "../lib/local-stack";
import { writeLoadSection } from "./benchmarks-section";
import type { checkExactness } from "./load-exactness";
import { log, options } from "./load-options";
import type { WebhookStream } from "./webhook-stream";

export type LoadOutcome = {
  result: AutocannonResult;
  /** Every counts response's latency in ms, sorted. */
  latencies: number[];
  webhooks: WebhookStream["stats"];
  /** rate_limit_hit before and after the run, and the most rows it may hold (undefined: no database access). */
  rateLimit: { markReadStatuses: Record<string, number>; rowsBefore?: number; rowsAfter?: number; bound?: number };
  exactness: Awaited<ReturnType<typeof checkExactness>>;
  headersOk: boolean;
  peakRss: number | undefined;
  /** 1-minute load average just before the run. */
  loadBefore: number;
  contactCount: number;
  databaseLabel: string;
};

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** Prints the summary, writes the report when asked to, and tells whether the run passed. */
export function reportLoad(outcome: LoadOutcome): boolean {
  const { result, latencies, webhooks, rateLimit, exactness, headersOk, peakRss, loadBefore, contactCount, databaseLabel } = outcome;
  const rateLimitBounded = rateLimit.rowsAfter === undefined || rateLimit.bound === undefined || rateLimit.rowsAfter <= rateLimit.bound;
  const markReadOther = Object.entries(rateLimit.markReadStatuses).filter(([status]) => status !== "204" && status !== "429").length;
  const rateLimitLine =
    rateLimit.rowsAfter === undefined
      ? "not measured (no DATABASE_URL)"
      : `${rateLimit.rowsBefore} rows before, ${rateLimit.rowsAfter} after (at most ${rateLimit.bound}); mark-read ${JSON.stringify(rateLimit.markReadStatuses)}`;
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const throttled = statusCounts["429"] ?? 0;
  const otherNon2xx = result.non2xx - throttled;
  const webhookLatencies = [...webhooks.latencies].sort((a, b) => a - b);
  const webhookNon2xx = Object.entries(webhooks.statuses)
    .filter(([status]) => !status.startsWith("2"))
    .reduce((sum, [, count]) => sum + count, 0);
  const figures = {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
  };
  const passed =
    result.errors === 0 &&
    result.timeouts === 0 &&
    otherNon2xx === 0 &&
    webhooks.errors === 0 &&
    webhookNon2xx === 0 &&
    headersOk &&
    rateLimitBounded &&
    markReadOther === 0 &&
    (!exactness.checked || exactness.problems.length === 0);

  console.log(`
  counts endpoint  ${figures.requests} requests, ${figures.perSecond.toFixed(0)} req/s
  latency          p50 ${ms(figures.p50)}  p95 ${ms(figures.p95)}  p99 ${ms(figures.p99)}  max ${ms(figures.max)}
  statuses         ${JSON.stringify(statusCounts)}  errors ${result.errors}  timeouts ${result.timeouts}
  webhooks         ${webhooks.sent} sent (${webhooks.retries} retries), ${JSON.stringify(webhooks.statuses)}, errors ${webhooks.errors}, p50 ${ms(percentile(webhookLatencies, 50))} p95 ${ms(percentile(webhookLatencies, 95))}
  rate_limit_hit   ${rateLimitLine}
  exactness        ${exactness.checked ? (exactness.problems.length === 0 ? "counts equal the oracle; every acknowledged delivery stored once" : exactness.problems.slice(0, 5).join("; ")) : "not checked (no DATABASE_URL)"}
  server peak RSS  ${peakRss ? `${peakRss} MB` : "n/a"}
  machine load     1-min load average ${loadBefore.toFixed(1)} before the run on ${os.cpus().length} cores
  result           ${passed ? "PASS" : "FAIL"}
`);

  if (options.writeReport) {
    const cpu = os.cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
    const markdown = `
Last run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run load\` — ${options.duration} s, ${options.connections} concurrent connections (autocannon) on \`GET /api/messaging/unread-counts\` with ${contactCount} contact ids per request, signed in as ${options.email}, while a background stream sends ${options.webhooksPerSecond} signed webhooks/s (about 1 in 10 a provider retry of an earlier delivery). Target: the production build (\`next start\`) with production secrets, the local Pusher-protocol server, ${databaseLabel}. Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load generator, app and database share it (1-minute load average just before the run: ${loadBefore.toFixed(1)}, i.e. ${loadBefore > os.cpus().length * 0.5 ? "other work was running on the machine, which inflates the latencies below" : "the machine was otherwise idle"}).

| measure | result |
|---|---|
| counts requests | ${figures.requests.toLocaleString("en-US")} in ${options.duration} s = **${figures.perSecond.toFixed(0)} req/s** |
| latency p50 / p95 / p99 / max | ${ms(figures.p50)} / **${ms(figures.p95)}** / ${ms(figures.p99)} / ${ms(figures.max)} |
| non-2xx (429 allowed, none expected: counts are not throttled) | ${otherNon2xx} (429: ${throttled}) |
| errors / timeouts | ${result.errors} / ${result.timeouts} |
| background webhooks | ${webhooks.sent} sent (${webhooks.retries} retries): ${Object.entries(webhooks.statuses).map(([status, count]) => `${count} × ${status}`).join(", ")}; errors ${webhooks.errors}; p50 ${ms(percentile(webhookLatencies, 50))}, p95 ${ms(percentile(webhookLatencies, 95))} |
| rate_limit_hit rows | ${rateLimitLine} |
| exactness after the run | ${exactness.checked ? (exactness.problems.length === 0 ? `counts equal the oracle for all ${contactCount} contacts; all ${webhooks.acknowledged.size} acknowledged deliveries stored exactly once` : `**${exactness.problems.length} problems**: ${exactness.problems.slice(0, 3).join("; ")}`) : "not checked"} |
| security headers on the production build | ${headersOk ? "present (CSP with frame-ancestors 'none', nosniff)" : "**missing**"} |
| server peak RSS (\`next start\`, VmHWM) | ${peakRss ? `${peakRss} MB` : "n/a"} |
| verdict | **${passed ? "PASS" : "FAIL"}**: 0 errors, 0 timeouts and 0 non-2xx other than 429 required |

Run it: \`npm run build && npm run load\` (the script builds when no build exists). \`LOAD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres\` runs it on a fresh database on that local server instead of the embedded PGlite; \`LOAD_URL\` targets a server that is already running (with \`LOAD_WEBHOOK_ENDPOINT\` and \`LOAD_WEBHOOK_SECRET\` of an inbound endpoint, and \`DATABASE_URL\` for the exactness check and the rate_limit_hit row count); \`LOAD_DURATION\`, \`LOAD_CONNECTIONS\` and \`LOAD_WEBHOOKS_PER_SECOND\` change the shape. Latency is measured per response by the load generator on the same 2-core machine as the server, so it includes queueing behind ${options.connections} connections: it is the latency of a saturated server, not of an idle one.
`;
    writeLoadSection(path.join(repoRoot, "BENCHMARKS.md"), markdown);
    log("report    BENCHMARKS.md (Load section) updated");
  }
  return passed;
}
