// (a) HTTP time of the batch counts, (d) mark-read under load, (e) throughput
// of the counts endpoint against the cheapest authenticated endpoint.
import autocannon from "autocannon";
import { MAX_CONTACT_IDS_PER_GET } from "@/lib/shared/contact-id-limits";
import { summarize, timed, type Summary } from "./bench-stats";
import type { ContactSet } from "./contact-sets";
import { assertExact, ExactnessError } from "./exactness";
import type { BenchFetch } from "./http-stack";

export const countsPath = (contactIds: string[]) => `/api/messaging/unread-counts?contact_ids=${contactIds.join(",")}`;

/** As the UI asks: GET while the ids fit a URL (200), POST {"contactIds"} beyond. */
function fetchCounts(fetcher: BenchFetch, contactIds: string[]) {
  if (contactIds.length <= MAX_CONTACT_IDS_PER_GET) return fetcher(countsPath(contactIds));
  return fetcher("/api/messaging/unread-counts", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ contactIds }),
  });
}

/**
 * Sequential GETs, round robin over the sets (so noise lands on all of them
 * alike), every answer checked against the oracle's.
 */
export async function measureHttpBatches(
  fetcher: BenchFetch,
  sets: { set: ContactSet; expected: Record<string, number> }[],
  runs: number,
): Promise<Summary[]> {
  const samples = sets.map((): number[] => []);
  for (let round = -5; round < runs; round++) {
    for (const [index, { set, expected }] of sets.entries()) {
      const { ms, value } = await timed(async () => {
        const response = await fetchCounts(fetcher, set.contactIds);
        return { status: response.status, body: await response.text() };
      });
      if (value.status !== 200) throw new ExactnessError(`${set.key}: HTTP ${value.status} ${value.body.slice(0, 200)}`);
      assertExact(`${set.key}: /api/messaging/unread-counts`, JSON.parse(value.body).counts, expected);
      if (round >= 0) samples[index].push(ms);
    }
  }
  return samples.map((values) => summarize(values));
}

export type ThroughputResult = { requestsPerSecond: number; latency: { p50: number; p97_5: number }; statuses: Record<string, number> };

/** autocannon against one URL; anything but 200 is an error. */
export async function measureThroughput(
  url: string,
  headers: Record<string, string>,
  options: { connections: number; seconds: number },
): Promise<ThroughputResult> {
  const result = await autocannon({ url, headers, connections: options.connections, duration: options.seconds });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]));
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(`autocannon ${url}: ${result.errors} errors, non-2xx ${JSON.stringify(statuses)}`);
  }
  return {
    requestsPerSecond: result.requests.total / result.duration,
    latency: { p50: result.latency.p50, p97_5: result.latency.p97_5 },
    statuses,
  };
}

export type MarkReadResult = {
  clients: number;
  seconds: number;
  requestsPerSecond: number;
  acceptedPerSecond: number;
  all: Summary;
  accepted: Summary;
  statuses: Record<string, number>;
};

/**
 * (d) Clients marking different contacts read as fast as they can. 204 and the
 * documented 429 (30 per user per 10 s, with Retry-After) are expected; any
 * other status fails the run.
 */
export async function measureMarkRead(clients: { fetch: BenchFetch; contactIds: string[] }[], seconds: number): Promise<MarkReadResult> {
  const all: number[] = [];
  const accepted: number[] = [];
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (let index = 0; performance.now() < deadline; index++) {
        const contactId = client.contactIds[index % client.contactIds.length];
        const { ms, value: response } = await timed(() =>
          client.fetch(`/api/messaging/contacts/${contactId}/read`, { method: "POST" }),
        );
        const body = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        all.push(ms);
        if (response.status === 204) accepted.push(ms);
        else if (response.status !== 429 || !response.headers.get("retry-after")) {
          failures.push(`${response.status} ${body.slice(0, 200)}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (failures.length > 0) throw new Error(`mark-read load: ${failures.length} unexpected answers, e.g. ${failures[0]}`);
  return {
    clients: clients.length,
    seconds: elapsed,
    requestsPerSecond: all.length / elapsed,
    acceptedPerSecond: accepted.length / elapsed,
    all: summarize(all),
    accepted: summarize(accepted),
    statuses,
  };
}
