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
// LOAD_EMAIL / LOAD_PASSWORD, and LOAD_WEBHOOK_ENDPOINT / LOAD_WEBHOOK_SECRET
// of the organization's inbound endpoint; the exactness check and the
// rate_limit_hit row count need DATABASE_URL).
//
// Passes only with 0 errors, 0 timeouts and 0 non-2xx answers other than the
// documented 429s (the counts endpoint is not throttled, so none are
// expected), and with counts equal to the oracle afterwards. Traffic goes to
// this machine only; the run is bounded by LOAD_DURATION.
//
// This file is the run itself; the target, the webhook stream, the exactness
// check and the report are the modules next to it.
import os from "node:os";
import { loadCountsEndpoint } from "./counts-load";
import { checkExactness } from "./load-exactness";
import { log, options } from "./load-options";
import { reportLoad } from "./load-report";
import { startTarget } from "./load-target";
import { loadEndpoint, rateLimitBound, rateLimitRows, startMarkReadStream } from "./load-tables";
import { peakRssMb } from "./peak-rss";
import { signIn } from "./sign-in";
import { startWebhookStream } from "./webhook-stream";

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
  const endpoint = await loadEndpoint(target, contactIds[0]);
  const rowsBefore = await rateLimitRows(target.databaseUrl);
  const stream = startWebhookStream(target.appUrl, endpoint, contactIds);
  const markReads = startMarkReadStream(target.appUrl, cookie, contactIds);
  log(`running   ${options.duration} s...`);
  const { result, latencies } = await loadCountsEndpoint(countsUrl, cookie);
  await stream.stop();
  await markReads.stop();
  const rowsAfter = await rateLimitRows(target.databaseUrl);
  const peakRss = peakRssMb(target.nextPid);
  const exactness = await checkExactness(target, cookie, contactIds, stream);

  latencies.sort((a, b) => a - b);
  const passed = reportLoad({
    result,
    latencies,
    webhooks: stream.stats,
    rateLimit: {
      markReadStatuses: markReads.statuses,
      rowsBefore,
      rowsAfter,
      bound: rowsBefore === undefined ? undefined : rateLimitBound(rowsBefore),
    },
    exactness,
    headersOk,
    peakRss,
    loadBefore,
    contactCount: contactIds.length,
    databaseLabel: target.databaseLabel,
  });
  exitCode = passed ? 0 : 1;
} finally {
  await target.stop();
}
process.exit(exitCode);
