import { z } from "zod";
import { contactIdBody, contactIdQuery } from "@/lib/api/contact-id-list";
import type { RequestSession } from "@/lib/api/request-session";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { readContactStates, type ContactCountState } from "@/lib/messaging/counted-state";
import type { UnreadCounts } from "@/lib/messaging/unread-counts";

/**
 * `counts`: zero counts omitted, as always. `states`: every requested contact
 * of the organization, zeros included, with what a client needs to count it
 * by itself from the events (issue 16): version, total, readThrough.
 */
export type UnreadCountsResponse = { counts: UnreadCounts; states: Record<string, ContactCountState> };

async function answer(session: RequestSession, contactIds: string[]) {
  const { counts, states } = await readContactStates(getPrisma(), session, contactIds);
  return Response.json({ counts, states } satisfies UnreadCountsResponse, { headers: { "Cache-Control": "no-store" } });
}

/** Up to 200 ids in the URL (`?contact_ids=a,b`). */
export const GET = withRoute(
  { permissions: ["messages:list"], query: z.object({ contact_ids: contactIdQuery }) },
  async ({ session, query }) => answer(session, query.contact_ids),
);

/** Up to 1,000 ids in the body (`{"contactIds":[…]}`): same answer, same rules. It reads, so it changes nothing. */
export const POST = withRoute(
  { permissions: ["messages:list"], body: contactIdBody },
  async ({ session, body }) => answer(session, body),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
