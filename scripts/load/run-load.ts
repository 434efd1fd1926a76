// `npm run load`: 60 s of 50 concurrent connections on the unread-counts
// endpoint of a running production build, with a background stream of signed
// webhooks (some of them provider retries), then an exactness check and a
// report in BENCHMARKS.md (between <!-- load:start --> and <!-- load:end -->).
//
// By default it starts the whole stack itself: the production build (`npm run
// build` first when there is none), `next start` with fresh production
// secrets, the local Pusher-protocol server, and a fresh database seeded with
// the demo data: a new database on LOAD_DATABASE_URL's server when given (a
// local Postgres), otherwise an in-memory PGlite in a process of its own.
// LOAD_URL targets an already running deployment instead (then give
// LOAD_EMAIL / LOAD_PASSWORD and INBOUND_WEBHOOK_SECRET; the exactness check
// needs DATABASE_URL).
//
// Passes only with 0 errors, 0 timeouts and 0 non-2xx answers other than the
// documented 429s (the counts endpoint is not throttled, so none are
// expected), and with counts equal to the oracle afterwards. Traffic goes to
// this machine only; the run is bounded by LOAD_DURATION.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { signInboundWebhook } from "../../lib/webhooks/inbound-signature";
import { freePort } from "../lib/free-port";
import { repoRoot, startLocalStack, type RunningStack } from "../lib/local-stack";
import { createScratchDatabase, type ScratchDatabase } from "../lib/test-database";
import { writeLoadSection } from "./benchmarks-section";

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const options = {
  url: process.env.LOAD_URL,
  duration: Number(process.env.LOAD_DURATION ?? 60),
  connections: Number(process.env.LOAD_CONNECTIONS ?? 50),
  webhooksPerSecond: Number(process.env.LOAD_WEBHOOKS_PER_SECOND ?? 20),
  email: process.env.LOAD_EMAIL ?? "alice@acme.test",
  password: process.env.LOAD_PASSWORD ?? "password",
  databaseServerUrl: process.env.LOAD_DATABASE_URL,
  writeReport: process.env.LOAD_WRITE_BENCHMARKS !== "0",
};
const MAX_DURATION_SECONDS = 600;
if (!(options.duration > 0 && options.duration <= MAX_DURATION_SECONDS)) throw new Error(`LOAD_DURATION must be 1..${MAX_DURATION_SECONDS} s`);

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to send load to ${host}: only this machine is a target.`);
}

const log = (text: string) => console.log(`  ${text}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------
// autocannon (ships no types): the part used here
// ---------------------------------------------------------------------------

type AutocannonStats = { average: number; p50: number; p90: number; p97_5: number; p99: number; max: number; total: number };
type AutocannonResult = {
  requests: AutocannonStats;
  latency: AutocannonStats;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
};
type AutocannonInstance = {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  stop(): void;
};
type Autocannon = (
  options: { url: string; connections: number; duration: number; headers: Record<string, string>; timeout?: number },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

// ---------------------------------------------------------------------------
// The stack
// ---------------------------------------------------------------------------

type Target = {
  appUrl: string;
  webhookSecret: string;
  databaseUrl?: string;
  databaseLabel: string;
  nextPid?: number;
  stop(): Promise<void>;
};

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    log("no production build found: running `npm run build`");
    const child = spawn("npm", ["run", "build"], { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
  });
}

/** In-memory PGlite in a child process; resolves with its URL and a stop function for that one process. */
function startEmbeddedDatabaseProcess(): Promise<{ url: string; stop(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), [path.join(repoRoot, "scripts", "load", "embedded-database.ts")], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/READY (\S+)/);
      if (match) {
        resolve({
          url: match[1],
          stop: async () => {
            if (child.exitCode !== null) return;
            const exited = new Promise((done) => child.once("exit", done));
            child.kill("SIGTERM");
            await exited;
          },
        });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`embedded database exited (${code}) before it was ready`)));
  });
}

async function waitForServer(appUrl: string, next: ChildProcess | undefined) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (next && next.exitCode !== null) throw new Error(`next start exited with ${next.exitCode}`);
    try {
      const response = await fetch(`${appUrl}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${appUrl} did not answer within 120 s`);
}

async function startTarget(): Promise<Target> {
  if (options.url) {
    assertLocal(options.url);
    const webhookSecret = process.env.INBOUND_WEBHOOK_SECRET;
    if (!webhookSecret) throw new Error("LOAD_URL needs INBOUND_WEBHOOK_SECRET (the target's webhook secret).");
    return {
      appUrl: options.url.replace(/\/$/, ""),
      webhookSecret,
      databaseUrl: process.env.DATABASE_URL,
      databaseLabel: "the target's own database",
      stop: async () => undefined,
    };
  }
  if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) await runBuild();

  let database: { url: string; label: string; stop(): Promise<void> };
  if (options.databaseServerUrl) {
    assertLocal(options.databaseServerUrl);
    process.env.TEST_DATABASE_URL = options.databaseServerUrl;
    const scratch: ScratchDatabase = await createScratchDatabase({ migrate: false, label: "load" });
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0].server_version;
    await admin.end();
    database = { url: scratch.url, label: `PostgreSQL ${version} (a fresh database on LOAD_DATABASE_URL's server)`, stop: () => scratch.drop() };
  } else {
    const embedded = await startEmbeddedDatabaseProcess();
    database = { ...embedded, label: "embedded PGlite (in memory, in its own process)" };
  }
  log(`database  ${database.label}`);

  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    INBOUND_WEBHOOK_SECRET: randomBytes(32).toString("base64url"),
    PUSHER_SECRET: randomBytes(32).toString("base64url"),
  };
  process.env.DATABASE_URL = database.url;
  for (const name of ["PUSHER_HOST", "PUSHER_CLUSTER", "PUSHER_PORT", "NEXTAUTH_URL"]) delete process.env[name];
  const port = await freePort();
  let stack: RunningStack;
  try {
    stack = await startLocalStack({
      next: "start",
      port,
      embeddedStorage: "memory",
      seed: "always",
      env: { NODE_ENV: "production", ...secrets },
    });
    await waitForServer(stack.appUrl, stack.next);
  } catch (error) {
    await database.stop().catch(() => undefined);
    throw error;
  }
  return {
    appUrl: stack.appUrl,
    webhookSecret: secrets.INBOUND_WEBHOOK_SECRET,
    databaseUrl: database.url,
    databaseLabel: database.label,
    nextPid: stack.next?.pid,
    async stop() {
      await stack.stop();
      await database.stop().catch(() => undefined);
    },
  };
}

// ---------------------------------------------------------------------------
// A real sign-in, as the browser does it
// ---------------------------------------------------------------------------

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]);
}

async function signIn(appUrl: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const csrfCookies = cookiePairs(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; "), origin: appUrl },
    body: new URLSearchParams({ email: options.email, password: options.password, csrfToken, callbackUrl: `${appUrl}/inbox`, json: "true" }),
  });
  const session = cookiePairs(response).find((pair) => /next-auth\.session-token=/.test(pair));
  if (!response.ok || !session) throw new Error(`sign-in as ${options.email} failed: ${response.status} ${await response.text()}`);
  return session;
}

// ---------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function peakRssMb(root: number | undefined): number | undefined {
  if (!root) return undefined;
  const tree = [root];
  try {
    // direct children are enough: next start runs its server in-process or in one worker
    const children = readFileSync(`/proc/${root}/task/${root}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    tree.push(...children);
  } catch {
    // no /proc: report nothing
  }
  let peakKb = 0;
  for (const pid of tree) {
    try {
      const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
      peakKb += match ? Number(match[1]) : 0;
    } catch {
      // exited
    }
  }
  return peakKb > 0 ? Math.round(peakKb / 1024) : undefined;
}

type WebhookStream = {
  stop(): Promise<void>;
  stats: { sent: number; retries: number; statuses: Record<string, number>; errors: number; latencies: number[]; acknowledged: Set<string>; all: Set<string> };
};

/** Signed deliveries at a steady rate; about 1 in 10 repeats an earlier delivery, as a provider retry would. */
function startWebhookStream(target: Target, contactIds: string[]): WebhookStream {
  const stats: WebhookStream["stats"] = { sent: 0, retries: 0, statuses: {}, errors: 0, latencies: [], acknowledged: new Set(), all: new Set() };
  const inFlight = new Set<Promise<void>>();
  let running = true;
  const sent: { externalId: string; contactId: string }[] = [];
  const deliver = async () => {
    const retry = sent.length > 0 && Math.random() < 0.1;
    const delivery = retry
      ? sent[Math.floor(Math.random() * sent.length)]
      : { externalId: `load-${randomUUID()}`, contactId: contactIds[Math.floor(Math.random() * contactIds.length)] };
    if (!retry) sent.push(delivery);
    stats.all.add(delivery.externalId);
    const raw = JSON.stringify({ contactId: delivery.contactId, body: `Load test message ${delivery.externalId}`, externalId: delivery.externalId });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    try {
      const response = await fetch(`${target.appUrl}/api/webhooks/inbound`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-webhook-timestamp": String(timestamp),
          "x-webhook-signature": signInboundWebhook(target.webhookSecret, timestamp, raw),
        },
        body: raw,
      });
      await response.arrayBuffer();
      stats.latencies.push(performance.now() - started);
      stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
      if (response.status === 201 || response.status === 200) stats.acknowledged.add(delivery.externalId);
    } catch {
      stats.errors++;
    }
    stats.sent++;
    if (retry) stats.retries++;
  };
  const loop = (async () => {
    const interval = 1000 / options.webhooksPerSecond;
    let next = performance.now();
    while (running) {
      if (inFlight.size < 50) {
        const promise = deliver().finally(() => inFlight.delete(promise));
        inFlight.add(promise);
      }
      next += interval;
      await sleep(Math.max(0, next - performance.now()));
    }
  })();
  return {
    stats,
    async stop() {
      running = false;
      await loop;
      await Promise.all(inFlight);
    },
  };
}

const UNREAD_ORACLE_SQL = `
SELECT m.contact_id, COUNT(*)::int AS unread_count
FROM message m
LEFT JOIN conversation_read_state crs ON crs.contact_id = m.contact_id AND crs.user_id = $1
WHERE m.organization_id = $2 AND m.contact_id = ANY($3::uuid[]) AND m.direction = 'inbound'
  AND m.kind IN ('chat', 'post', 'task') AND m.deleted_at IS NULL
  AND m.created_at > COALESCE(crs.last_read_at, '1970-01-01T00:00:00Z')
GROUP BY m.contact_id`;

/** After the run: the endpoint equals the oracle, and every acknowledged delivery is stored exactly once. */
async function checkExactness(target: Target, cookie: string, contactIds: string[], stream: WebhookStream) {
  if (!target.databaseUrl) return { checked: false as const, problems: [] as string[] };
  const db = new pg.Client({ connectionString: target.databaseUrl });
  await db.connect();
  const problems: string[] = [];
  try {
    const { rows: users } = await db.query<{ user_id: string; organization_id: string }>(
      `SELECT m.user_id, m.organization_id FROM membership m JOIN "user" u ON u.id = m.user_id
       JOIN contact c ON c.organization_id = m.organization_id WHERE u.email = $1 AND c.id = $2`,
      [options.email, contactIds[0]],
    );
    const { user_id: userId, organization_id: organizationId } = users[0];
    const { rows } = await db.query<{ contact_id: string; unread_count: number }>(UNREAD_ORACLE_SQL, [userId, organizationId, contactIds]);
    const oracle = Object.fromEntries(rows.map((row) => [row.contact_id, row.unread_count]));
    const response = await fetch(`${target.appUrl}/api/messaging/unread-counts?contact_ids=${contactIds.join(",")}`, { headers: { cookie } });
    const { counts } = (await response.json()) as { counts: Record<string, number> };
    const keys = new Set([...Object.keys(oracle), ...Object.keys(counts)]);
    for (const key of keys) if (oracle[key] !== counts[key]) problems.push(`contact ${key}: endpoint ${counts[key]} ≠ oracle ${oracle[key]}`);
    const { rows: stored } = await db.query<{ external_id: string; copies: number }>(
      "SELECT external_id, COUNT(*)::int AS copies FROM message WHERE external_id = ANY($1) GROUP BY external_id",
      [[...stream.stats.all]],
    );
    const storedIds = new Map(stored.map((row) => [row.external_id, row.copies]));
    for (const externalId of stream.stats.acknowledged) {
      if (storedIds.get(externalId) !== 1) problems.push(`delivery ${externalId} stored ${storedIds.get(externalId) ?? 0} times`);
    }
    for (const [externalId, copies] of storedIds) if (copies !== 1) problems.push(`delivery ${externalId} stored ${copies} times`);
    return { checked: true as const, problems, contacts: contactIds.length, deliveries: stream.stats.acknowledged.size, nonZero: rows.length };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------

console.log(`\n  Badger load run: ${options.duration} s, ${options.connections} connections on GET /api/messaging/unread-counts, ${options.webhooksPerSecond} webhooks/s\n`);
const target = await startTarget();
let exitCode = 1;
try {
  const cookie = await signIn(target.appUrl);
  const list = await fetch(`${target.appUrl}/api/messaging/contacts?limit=100`, { headers: { cookie } });
  const { contacts } = (await list.json()) as { contacts: { id: string }[] };
  const contactIds = contacts.map((contact) => contact.id);
  if (contactIds.length === 0) throw new Error(`${options.email} sees no contacts`);
  const countsUrl = `${target.appUrl}/api/messaging/unread-counts?contact_ids=${contactIds.join(",")}`;
  const page = await fetch(`${target.appUrl}/login`);
  const csp = page.headers.get("content-security-policy") ?? "";
  const headersOk = csp.includes("frame-ancestors 'none'") && page.headers.get("x-content-type-options") === "nosniff";
  log(`target    ${target.appUrl}, signed in as ${options.email}, ${contactIds.length} contacts per counts request`);
  log(`headers   security headers on the production build: ${headersOk ? "present" : "MISSING"}`);

  // warm-up: first requests compile nothing in production, but open pools and caches
  for (let index = 0; index < 20; index++) await (await fetch(countsUrl, { headers: { cookie } })).arrayBuffer();

  // what else the machine was doing: the server, the database and the load
  // generator share its cores, so other work shows up as latency
  const loadBefore = os.loadavg()[0];
  const stream = startWebhookStream(target, contactIds);
  const latencies: number[] = [];
  log(`running   ${options.duration} s...`);
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: countsUrl, connections: options.connections, duration: options.duration, headers: { cookie }, timeout: 10 },
      (error, value) => (error ? reject(error) : resolve(value)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  await stream.stop();
  const peakRss = peakRssMb(target.nextPid);
  const exactness = await checkExactness(target, cookie, contactIds, stream);

  latencies.sort((a, b) => a - b);
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const throttled = statusCounts["429"] ?? 0;
  const otherNon2xx = result.non2xx - throttled;
  const webhookLatencies = [...stream.stats.latencies].sort((a, b) => a - b);
  const webhookNon2xx = Object.entries(stream.stats.statuses)
    .filter(([status]) => !status.startsWith("2"))
    .reduce((sum, [, count]) => sum + count, 0);
  const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
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
    stream.stats.errors === 0 &&
    webhookNon2xx === 0 &&
    headersOk &&
    (!exactness.checked || exactness.problems.length === 0);

  console.log(`
  counts endpoint  ${figures.requests} requests, ${figures.perSecond.toFixed(0)} req/s
  latency          p50 ${ms(figures.p50)}  p95 ${ms(figures.p95)}  p99 ${ms(figures.p99)}  max ${ms(figures.max)}
  statuses         ${JSON.stringify(statusCounts)}  errors ${result.errors}  timeouts ${result.timeouts}
  webhooks         ${stream.stats.sent} sent (${stream.stats.retries} retries), ${JSON.stringify(stream.stats.statuses)}, errors ${stream.stats.errors}, p50 ${ms(percentile(webhookLatencies, 50))} p95 ${ms(percentile(webhookLatencies, 95))}
  exactness        ${exactness.checked ? (exactness.problems.length === 0 ? "counts equal the oracle; every acknowledged delivery stored once" : exactness.problems.slice(0, 5).join("; ")) : "not checked (no DATABASE_URL)"}
  server peak RSS  ${peakRss ? `${peakRss} MB` : "n/a"}
  machine load     1-min load average ${loadBefore.toFixed(1)} before the run on ${os.cpus().length} cores
  result           ${passed ? "PASS" : "FAIL"}
`);

  if (options.writeReport) {
    const cpu = os.cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
    const markdown = `
Last run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run load\` — ${options.duration} s, ${options.connections} concurrent connections (autocannon) on \`GET /api/messaging/unread-counts\` with ${contactIds.length} contact ids per request, signed in as ${options.email}, while a background stream sends ${options.webhooksPerSecond} signed webhooks/s (about 1 in 10 a provider retry of an earlier delivery). Target: the production build (\`next start\`) with production secrets, the local Pusher-protocol server, ${target.databaseLabel}. Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load generator, app and database share it (1-minute load average just before the run: ${loadBefore.toFixed(1)}, i.e. ${loadBefore > os.cpus().length * 0.5 ? "other work was running on the machine, which inflates the latencies below" : "the machine was otherwise idle"}).

| measure | result |
|---|---|
| counts requests | ${figures.requests.toLocaleString("en-US")} in ${options.duration} s = **${figures.perSecond.toFixed(0)} req/s** |
| latency p50 / p95 / p99 / max | ${ms(figures.p50)} / **${ms(figures.p95)}** / ${ms(figures.p99)} / ${ms(figures.max)} |
| non-2xx (429 allowed, none expected: counts are not throttled) | ${otherNon2xx} (429: ${throttled}) |
| errors / timeouts | ${result.errors} / ${result.timeouts} |
| background webhooks | ${stream.stats.sent} sent (${stream.stats.retries} retries): ${Object.entries(stream.stats.statuses).map(([status, count]) => `${count} × ${status}`).join(", ")}; errors ${stream.stats.errors}; p50 ${ms(percentile(webhookLatencies, 50))}, p95 ${ms(percentile(webhookLatencies, 95))} |
| exactness after the run | ${exactness.checked ? (exactness.problems.length === 0 ? `counts equal the oracle for all ${contactIds.length} contacts; all ${stream.stats.acknowledged.size} acknowledged deliveries stored exactly once` : `**${exactness.problems.length} problems**: ${exactness.problems.slice(0, 3).join("; ")}`) : "not checked"} |
| security headers on the production build | ${headersOk ? "present (CSP with frame-ancestors 'none', nosniff)" : "**missing**"} |
| server peak RSS (\`next start\`, VmHWM) | ${peakRss ? `${peakRss} MB` : "n/a"} |
| verdict | **${passed ? "PASS" : "FAIL"}**: 0 errors, 0 timeouts and 0 non-2xx other than 429 required |

Run it: \`npm run build && npm run load\` (the script builds when no build exists). \`LOAD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres\` runs it on a fresh database on that local server instead of the embedded PGlite; \`LOAD_URL\` targets a server that is already running (with \`INBOUND_WEBHOOK_SECRET\`, and \`DATABASE_URL\` for the exactness check); \`LOAD_DURATION\`, \`LOAD_CONNECTIONS\` and \`LOAD_WEBHOOKS_PER_SECOND\` change the shape. Latency is measured per response by the load generator on the same 2-core machine as the server, so it includes queueing behind ${options.connections} connections: it is the latency of a saturated server, not of an idle one.
`;
    writeLoadSection(path.join(repoRoot, "BENCHMARKS.md"), markdown);
    log("report    BENCHMARKS.md (Load section) updated");
  }
  exitCode = passed ? 0 : 1;
} finally {
  await target.stop();
}
process.exit(exitCode);
