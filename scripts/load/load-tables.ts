// What the load run provisions and watches in the target's database: the
// organization's inbound endpoint (its deliveries go through it, as a real
// provider's would) and the size of rate_limit_hit, which must stay bounded
// however long the traffic runs (issue 13, item 4).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../lib/generated/prisma/client";
import { MARK_READ_RULE } from "../../lib/rate-limit/rules";
import { ensureInboundEndpoint } from "../../lib/webhooks/inbound-endpoints";
import type { Target } from "./load-target";

export type LoadEndpoint = { path: string; secret: string };

/**
 * The endpoint of the organization that owns `contactId`. A target started
 * here: found or created in its database. LOAD_URL: LOAD_WEBHOOK_ENDPOINT (the
 * endpoint's id) and LOAD_WEBHOOK_SECRET, as an admin copied them from the
 * settings page; the secret never goes into a URL.
 */
export async function loadEndpoint(target: Target, contactId: string): Promise<LoadEndpoint> {
  if (!target.serverSecret || !target.databaseUrl) {
    const id = process.env.LOAD_WEBHOOK_ENDPOINT;
    const secret = process.env.LOAD_WEBHOOK_SECRET;
    if (!id || !secret) throw new Error("LOAD_URL needs LOAD_WEBHOOK_ENDPOINT and LOAD_WEBHOOK_SECRET (Settings → Webhooks).");
    return { path: `/api/webhooks/inbound/${id}`, secret };
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.databaseUrl, max: 1 }) });
  try {
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId }, select: { organizationId: true } });
    return await ensureInboundEndpoint(prisma, {
      organizationId: contact.organizationId,
      name: "Load provider",
      serverSecret: target.serverSecret,
    });
  } finally {
    await prisma.$disconnect();
  }
}

/** Rows of rate_limit_hit now, or undefined without access to the database. */
export async function rateLimitRows(databaseUrl: string | undefined): Promise<number | undefined> {
  if (!databaseUrl) return undefined;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limit_hit")).rows[0].n;
  } finally {
    await db.end();
  }
}

/**
 * Mark-read traffic well above the limit (10 per second, whatever the
 * latency, against 30 per 10 s): the throttled path that writes
 * rate_limit_hit rows. Without cleanup the table gains a row per allowed
 * request for the whole run; with it, this user's key holds at most 30.
 */
export function startMarkReadStream(appUrl: string, cookie: string, contactIds: string[]) {
  const statuses: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  const send = async () => {
    const contactId = contactIds[index++ % contactIds.length];
    const response = await fetch(`${appUrl}/api/messaging/contacts/${contactId}/read`, { method: "POST", headers: { cookie } }).catch(() => null);
    const status = response ? String(response.status) : "error";
    statuses[status] = (statuses[status] ?? 0) + 1;
    await response?.arrayBuffer();
  };
  const timer = setInterval(() => {
    if (inFlight.size >= 20) return;
    const request = send().finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, 100);
  return {
    statuses,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

/** The most rows the run may leave behind: one user's mark-read key holds at most its limit. */
export const rateLimitBound = (before: number) => before + MARK_READ_RULE.limit;
