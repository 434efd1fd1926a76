// The background traffic of the load run: signed webhook deliveries at a
// steady rate (LOAD_WEBHOOKS_PER_SECOND), at most 50 in flight.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { signedDelivery } from "../../lib/webhooks/inbound-signature";
import { options } from "./load-options";
import type { LoadEndpoint } from "./load-tables";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type WebhookStream = {
  stop(): Promise<void>;
  stats: { sent: number; retries: number; statuses: Record<string, number>; errors: number; latencies: number[]; acknowledged: Set<string>; all: Set<string> };
};

/** Signed deliveries at a steady rate; about 1 in 10 repeats an earlier delivery, as a provider retry would. */
export function startWebhookStream(appUrl: string, endpoint: LoadEndpoint, contactIds: string[]): WebhookStream {
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
    const started = performance.now();
    try {
      const response = await fetch(`${appUrl}${endpoint.path}`, signedDelivery(endpoint.secret, raw));
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
