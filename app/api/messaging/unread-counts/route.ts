import { z } from "zod";
import { contactIdBody, contactIdQuery } from "@/lib/api/contact-id-list";
import type { RequestSession } from "@/lib/api/request-session";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { readContactStates } from "@/lib/messaging/counted-state";
import type { UnreadCountsResponse } from "@/lib/shared/api-types";

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
