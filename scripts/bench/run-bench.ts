// `npm run bench`: the unread-count benchmark of issue 8, end to end, in one
// run on one dataset. See BENCHMARKS.md for what it measures and why.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/prisma";
import { ensureInboundEndpoint } from "@/lib/webhooks/inbound-endpoints";
import { oracleUnreadCounts } from "../../tests/support/unread-oracle";
import { repoRoot } from "../lib/local-stack";
import { startInProcessTarget, startServerTarget, type AppTarget } from "./app-target";
import { connect, openBenchDatabase, serverVersion } from "./bench-database";
import { SERVER_LOG } from "./http-stack";
import { readBenchOptions } from "./bench-options";
import { printTable, resultsMarkdown, rewriteResults, targetRows, type BenchResults } from "./bench-report";
import { batchSets, curveSets, spareContacts } from "./contact-sets";
import { costCurveSvg } from "./cost-curve-svg";
import { MEASURED_USER_INDEX, planDataset, USER_COUNT } from "./dataset-plan";
import { assertAllCountersExact, ExactnessError } from "./exactness";
import { clearBenchData, existingDataset, generateDataset } from "./generate-dataset";
import { measureSets } from "./measure-db";
import { countsPath, measureHttpBatches, measureMarkRead, measureThroughput } from "./measure-http";
import { measureFanout } from "./measure-fanout";
import { measureRealtime } from "./measure-realtime";
import { measureWriteCosts } from "./measure-writes";
import { watchServerMemory } from "./server-memory";
import { measureWriteScale } from "./write-scale";
import { writeScaleSvg } from "./write-scale-report";

const options = readBenchOptions();
const started = Date.now();
const startedAt = new Date().toISOString();
const argv = process.argv.slice(2);
const command = `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`;
const phase = (text: string) => console.log(`\n== ${text}`);
console.log(`\nBadger unread-count benchmark: ${command}${options.smoke ? " (smoke: exactness only, no thresholds)" : ""}`);

const database = await openBenchDatabase(options);
const db = await connect(database.url);
const prisma = createPrismaClient(database.url, { poolSize: 4 });
let target: AppTarget | undefined;
let exitCode = 0;
try {
  phase(`dataset on ${database.description}`);
  const plan = planDataset(options.scale);
  const datasetStarted = Date.now();
  const found = await existingDataset(db, plan);
  if (found === "other") {
    throw new Error("the benchmark database holds non-benchmark data: point BENCH_DATABASE_URL at a dedicated database");
  }
  let dataset = found && !options.fresh ? found : null;
  if (dataset) {
    console.log(`  dataset   reusing the scale-${options.scale} dataset already in the database (--fresh regenerates it)`);
  } else {
    await clearBenchData(db);
    dataset = await generateDataset(db, plan);
  }
  const datasetSeconds = (Date.now() - datasetStarted) / 1000;
  const scope = { userId: dataset.userIds[MEASURED_USER_INDEX], organizationId: dataset.organizationId };
  const readStates = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversation_read_state`);
  let checks = 0;

  phase("(a)+(b)+(c) database time: counters vs the reference query, exactness first");
  const batchKeys = new Set(batchSets(plan, dataset).map((set) => set.key));
  const measured = await measureSets(db, prisma, scope, [...batchSets(plan, dataset), ...curveSets(plan, dataset)], {
    counterRuns: options.smoke ? 5 : 200,
    referenceRuns: options.smoke ? 5 : 60,
    referenceBudgetMs: options.smoke ? 50 : 5_000,
  });
  checks += measured.length;
  for (const result of measured) {
    console.log(
      `  ${result.set.key.padEnd(12)} counters p50 ${result.counters.p50.toFixed(3)} ms, ` +
        `reference p50 ${result.reference.p50.toFixed(1)} ms (${result.unread.toLocaleString("en")} unread)`,
    );
  }
  const batches: BenchResults["batches"] = measured.filter((result) => batchKeys.has(result.set.key));
  const curve: BenchResults["curve"] = measured.filter((result) => !batchKeys.has(result.set.key));

  const spare = spareContacts(plan, dataset);
  const targets = spare.length >= 100 ? spare : dataset.contactIds;
  phase("(s) write scale: inbound inserts against team size, read model next to the base schema (floor)");
  const writeScale = await measureWriteScale(database.url, {
    sizes: options.smoke ? [20] : [20, 200, 1000],
    contacts: options.smoke ? 200 : 10_000,
    seconds: options.smoke ? 1 : 10,
    latencyRuns: options.smoke ? 5 : 200,
    concurrentTransactions: database.kind === "postgres",
    log: (line) => console.log(line),
  });

  phase("write cost of the read model: single statements, one round trip each");
  const writes = await measureWriteCosts(
    db,
    prisma,
    { ...scope, readAllUserId: dataset.userIds[USER_COUNT - 1] },
    targets.slice(0, 200),
    options.smoke ? 5 : 200,
  );
  console.log(
    `  inbound insert p50 ${writes.inbound.p50.toFixed(2)} ms (outbound ${writes.outbound.p50.toFixed(2)} ms), ` +
      `mark-read p50 ${writes.markReadMoving.p50.toFixed(2)} ms (unmoved ${writes.markReadUnmoved.p50.toFixed(2)} ms), ` +
      `read-all ${writes.readAll.ms.toFixed(0)} ms, member join ${writes.memberJoin.ms.toFixed(0)} ms`,
  );

  phase(options.smoke ? "app: route handlers in process (smoke)" : "app: production build + next start");
  target = options.smoke
    ? await startInProcessTarget(prisma, database.url)
    : await startServerTarget({ databaseUrl: database.url, port: options.port, skipBuild: options.skipBuild });
  if (!options.smoke) console.log(`  server log (a JSON line per request, as in production): ${path.relative(repoRoot, SERVER_LOG)}`);
  const memory = target.nextPid ? watchServerMemory(target.nextPid) : undefined;
  const session = (index: number) => ({ userId: dataset.userIds[index], organizationId: dataset.organizationId });
  const member = await target.client(session(MEASURED_USER_INDEX));

  phase("(a) HTTP time of the batch counts, every answer checked");
  const httpRuns = options.smoke ? 3 : 200;
  // The oracle again: the write-cost phase may have written to these contacts (smoke).
  const expectations = [];
  for (const batch of batches) {
    const expected = await oracleUnreadCounts(db, scope.userId, scope.organizationId, batch.set.contactIds);
    expectations.push({ set: batch.set, expected });
  }
  const http = await measureHttpBatches(member, expectations, httpRuns);
  batches.forEach((batch, index) => {
    batch.http = http[index];
    console.log(`  ${batch.set.key.padEnd(12)} p50 ${http[index].p50.toFixed(2)} ms, p95 ${http[index].p95.toFixed(2)} ms`);
  });
  checks += batches.length * (httpRuns + 5);

  let throughput: BenchResults["throughput"];
  if (target.appUrl && target.authHeaders) {
    phase("(e) throughput: counts endpoint vs the cheapest authenticated endpoint (autocannon)");
    const headers = await target.authHeaders(session(MEASURED_USER_INDEX));
    const deep = batches.find((batch) => batch.set.key === "deep-100")!;
    const load = { connections: 50, seconds: 10 };
    const cheapest = await measureThroughput(`${target.appUrl}/api/messaging/unread-counts`, headers, load);
    const counts = await measureThroughput(`${target.appUrl}${countsPath(deep.set.contactIds)}`, headers, load);
    throughput = { ...load, counts, cheapest, setKey: deep.set.key };
    console.log(`  counts ${counts.requestsPerSecond.toFixed(0)} req/s, cheapest ${cheapest.requestsPerSecond.toFixed(0)} req/s`);
  } else {
    console.log("\n== (e) throughput: skipped in smoke runs (needs the real server)");
  }

  phase("(f) realtime delivery: signed webhook -> message.new in pusher-js");
  const realtimeEndpoint = await ensureInboundEndpoint(prisma, {
    organizationId: dataset.organizationId,
    name: "Bench provider",
    serverSecret: target.serverSecret,
  });
  const realtime = await measureRealtime({
    pusher: target.pusher,
    organizationId: dataset.organizationId,
    member,
    provider: await target.client(),
    endpoint: realtimeEndpoint,
    contactIds: targets.slice(0, 50),
    messages: options.smoke ? 5 : 200,
  });
  console.log(`  p50 ${realtime.p50.toFixed(2)} ms, p95 ${realtime.p95.toFixed(2)} ms`);

  phase("(h) realtime fan-out: headless inboxes count from the events (requests per message per client, staleness)");
  const fanout = await measureFanout({
    levels: options.smoke ? [1, 3] : [1, 10, 100],
    messages: options.smoke ? 4 : 60,
    ratePerSecond: options.smoke ? 20 : 3,
    sessions: Array.from({ length: USER_COUNT }, (_, index) => session(index)),
    client: (member) => target!.client(member),
    provider: await target.client(),
    endpoint: realtimeEndpoint,
    pusher: target.pusher,
    oracle: (userId, contactIds) => oracleUnreadCounts(db, userId, dataset.organizationId, contactIds),
    log: (line) => console.log(line),
  });
  if (!fanout.every((level) => level.exact)) throw new ExactnessError("fan-out: a client's badge differs from the oracle");

  phase("(d) mark-read under load: concurrent clients marking different contacts read");
  const clientCount = options.smoke ? 6 : 50;
  const perClient = Math.max(1, Math.floor(Math.min(targets.length, 5_000) / clientCount));
  const clients = await Promise.all(
    Array.from({ length: clientCount }, async (_, index) => ({
      fetch: await target!.client(session(index % USER_COUNT)),
      contactIds: targets.slice(index * perClient, (index + 1) * perClient),
    })),
  );
  const markRead = await measureMarkRead(clients, options.smoke ? 2 : 15);
  console.log(`  ${markRead.requestsPerSecond.toFixed(0)} req/s, statuses ${JSON.stringify(markRead.statuses)}`);

  phase("exactness: every (user, contact) count against the oracle, after all the writes");
  const pairs = await assertAllCountersExact(db, dataset.organizationId);
  console.log(`  ${pairs.toLocaleString("en")} counts equal the oracle`);

  const results: BenchResults = {
    command: database.persistent ? `BENCH_DATABASE_URL=… ${command}` : command,
    scale: options.scale,
    smoke: options.smoke,
    startedAt,
    durationSeconds: (Date.now() - started) / 1000,
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? "unknown CPU",
      cores: os.cpus().length,
      memoryGb: os.totalmem() / 1024 ** 3,
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: await serverVersion(db, database.kind),
    },
    dataset: {
      contacts: dataset.contactIds.length,
      users: dataset.userIds.length,
      messages: dataset.totalMessages,
      readStates: readStates.rows[0].n,
      reused: dataset.reused,
      seconds: datasetSeconds,
    },
    batches,
    curve,
    markRead,
    writes,
    writeScale,
    throughput,
    realtime,
    fanout,
    memory: memory?.stop(),
    exactness: { checks, pairs },
  };
  const rows = targetRows(results);
  phase(`results (${results.durationSeconds.toFixed(0)} s)`);
  printTable(rows, options.smoke);
  mkdirSync(path.join(repoRoot, "bench-results"), { recursive: true });
  writeFileSync(path.join(repoRoot, "bench-results", options.smoke ? "smoke.json" : "latest.json"), JSON.stringify(results, null, 2));
  if (options.writeReport) {
    const svg = costCurveSvg(
      curve.map((point) => ({ depth: point.set.depth ?? 0, counters: point.counters, reference: point.reference })),
      `${results.machine.postgres.split(" (")[0]}, ${results.machine.cores} cores; ${dataset.totalMessages.toLocaleString("en")} messages`,
    );
    mkdirSync(path.join(repoRoot, "docs", "bench"), { recursive: true });
    writeFileSync(path.join(repoRoot, "docs", "bench", "cost-curve.svg"), svg);
    writeFileSync(
      path.join(repoRoot, "docs", "bench", "write-scale.svg"),
      writeScaleSvg(writeScale, `${results.machine.postgres.split(" (")[0]}, ${results.machine.cores} cores; 10,000 contacts; floor and model side by side`),
    );
    const file = path.join(repoRoot, "BENCHMARKS.md");
    writeFileSync(file, rewriteResults(readFileSync(file, "utf8"), resultsMarkdown(results, rows)));
    console.log("  wrote BENCHMARKS.md (results section) and docs/bench/cost-curve.svg");
  }
} catch (error) {
  exitCode = 1;
  if (error instanceof ExactnessError) {
    console.error(`\n!!! EXACTNESS FAILURE: a count differs from the reference oracle !!!\n  ${error.message}\n`);
  } else {
    console.error("\nbenchmark failed:", error instanceof Error ? error.stack : error);
  }
} finally {
  await target?.stop().catch(() => undefined);
  await prisma.$disconnect().catch(() => undefined);
  await db.end().catch(() => undefined);
  await database.close().catch(() => undefined);
}
console.log(exitCode === 0 ? `done in ${((Date.now() - started) / 1000).toFixed(0)} s` : "benchmark FAILED");
process.exit(exitCode);
