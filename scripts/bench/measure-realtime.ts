// (f) Realtime delivery: a signed inbound webhook POST until the `message.new`
// event arrives in a real pusher-js client subscribed (and authorized through
// the app's /api/pusher/auth) to the organization's private channel, through
// the local Pusher-protocol server.
import { randomUUID } from "node:crypto";
import PusherJS from "pusher-js";
import { authorizeThrough } from "@/lib/inbox/headless-inbox";
import { signedDelivery } from "@/lib/webhooks/inbound-signature";
import { summarize, type Summary } from "./bench-stats";
import type { BenchFetch } from "./http-stack";

type Subscriber = { waitFor(marker: string): Promise<number>; close(): void };

async function subscribe(options: { key: string; port: number; channel: string; auth: BenchFetch }): Promise<Subscriber> {
  const client = new PusherJS(options.key, {
    cluster: "local",
    wsHost: "127.0.0.1",
    wsPort: options.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      endpoint: "/api/pusher/auth",
      transport: "ajax",
      customHandler: authorizeThrough((input, init) => options.auth(String(input), init)),
    },
  });
  const waiters = new Map<string, (at: number) => void>();
  const channel = client.subscribe(options.channel);
  await new Promise<void>((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve());
    channel.bind("pusher:subscription_error", (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
  });
  channel.bind("message.new", (data: { preview?: string }) => {
    const at = performance.now();
    for (const [marker, resolve] of waiters) {
      if (data.preview?.includes(marker)) {
        waiters.delete(marker);
        resolve(at);
      }
    }
  });
  return {
    waitFor: (marker) => new Promise((resolve) => waiters.set(marker, resolve)),
    close: () => client.disconnect(),
  };
}

export async function measureRealtime(options: {
  pusher: { key: string; port: number };
  organizationId: string;
  /** fetch with a member's session: authorizes the subscription. */
  member: BenchFetch;
  /** fetch without a session: posts the webhooks. */
  provider: BenchFetch;
  /** The organization's inbound endpoint (path and signing secret). */
  endpoint: { path: string; secret: string };
  contactIds: string[];
  messages: number;
}): Promise<Summary> {
  const subscriber = await subscribe({
    ...options.pusher,
    channel: `private-org-${options.organizationId}`,
    auth: options.member,
  });
  const samples: number[] = [];
  try {
    for (let index = -3; index < options.messages; index++) {
      const marker = `bench-${randomUUID()}`;
      const raw = JSON.stringify({
        contactId: options.contactIds[(index + 3) % options.contactIds.length],
        body: `${marker} Realtime delivery probe, as a provider would send it.`,
        kind: "chat",
        externalId: marker,
      });
      const arrived = subscriber.waitFor(marker);
      const sent = performance.now();
      const response = await options.provider(options.endpoint.path, signedDelivery(options.endpoint.secret, raw));
      if (response.status !== 201) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`message.new for ${marker} not received within 5 s`)), 5_000).unref(),
      );
      const at = await Promise.race([arrived, timeout]);
      if (index >= 0) samples.push(at - sent);
    }
  } finally {
    subscriber.close();
  }
  return summarize(samples);
}
