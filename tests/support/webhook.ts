import { randomUUID } from "node:crypto";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import { ensureInboundEndpoint } from "@/lib/webhooks/inbound-endpoints";
import { signInboundWebhook } from "@/lib/webhooks/inbound-signature";
import { inProcessFetch } from "./in-process-fetch";

export type TestEndpoint = { id: string; path: string; secret: string };

// The tests run the app with the development NEXTAUTH_SECRET (setup-file.ts
// removes whatever the shell exported), which seals the endpoint secrets.
const SERVER_SECRET = DEV_DEFAULTS.nextAuthSecret;

// Endpoints live in the database the app under test uses (getPrisma(): the
// fault drills point it at a database of their own), and are looked up once:
// a delivery during a database outage must reach the route, not fail here.
const endpoints = new Map<string, Promise<TestEndpoint>>();
const contactEndpoints = new Map<string, Promise<TestEndpoint>>();

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  if (!map.has(key)) map.set(key, load().catch((error) => (map.delete(key), Promise.reject(error))));
  return map.get(key)!;
}

/** The organization's provider endpoint, as an admin would create it. */
export function endpointOf(organizationId: string): Promise<TestEndpoint> {
  return cached(endpoints, organizationId, () =>
    ensureInboundEndpoint(getPrisma(), { organizationId, name: "Test provider", serverSecret: SERVER_SECRET }),
  );
}

let strangerEndpoint: Promise<TestEndpoint> | undefined;

/** An endpoint of a fresh organization of its own: for contacts that exist nowhere. */
function endpointOfAStranger(): Promise<TestEndpoint> {
  strangerEndpoint ??= (async () => {
    const suffix = randomUUID().slice(0, 8);
    const organization = await getPrisma().organization.create({
      data: { name: `Stranger ${suffix}`, slug: `stranger-${suffix}` },
      select: { id: true },
    });
    return endpointOf(organization.id);
  })();
  return strangerEndpoint;
}

/** The endpoint a provider of this contact's organization would deliver to. */
function endpointForContact(contactId: unknown): Promise<TestEndpoint> {
  if (typeof contactId !== "string" || !/^[0-9a-f-]{36}$/i.test(contactId)) return endpointOfAStranger();
  return cached(contactEndpoints, contactId, async () => {
    const contact = await getPrisma().contact.findUnique({ where: { id: contactId }, select: { organizationId: true } });
    return contact ? endpointOf(contact.organizationId) : endpointOfAStranger();
  });
}

/**
 * Delivers an inbound message as a provider would: signed with an endpoint's
 * secret, through the real route. Without `endpoint`, the contact's own
 * organization's endpoint.
 */
export async function deliverInbound(
  payload: Record<string, unknown> | string,
  options: { timestamp?: number; secret?: string; signature?: string | null; endpoint?: TestEndpoint } = {},
) {
  const raw = typeof payload === "string" ? payload : JSON.stringify(payload);
  const parsed = typeof payload === "string" ? safeJson(payload) : payload;
  const endpoint = options.endpoint ?? (await endpointForContact(parsed?.contactId));
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.secret ?? endpoint.secret;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-webhook-timestamp": String(timestamp),
  };
  const signature = options.signature === undefined ? signInboundWebhook(secret, timestamp, raw) : options.signature;
  if (signature !== null) headers["x-webhook-signature"] = signature;
  return inProcessFetch()(endpoint.path, { method: "POST", headers, body: raw });
}

function safeJson(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
