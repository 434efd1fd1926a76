import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { contactParams, uuid } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { markContactRead } from "@/lib/messaging/read-state";
import { readMemberEventState } from "@/lib/messaging/counted-state";
import { publishConversationRead } from "@/lib/realtime/publish";
import { hitRateLimit } from "@/lib/rate-limit/sliding-window";
import { MARK_READ_RULE } from "@/lib/rate-limit/rules";

const EARLIEST_STORABLE_TIME = Date.parse("0001-01-01T00:00:00Z");

const readBody = z
  .union([
    z
      .object({
        lastReadAt: z
          .string()
          .datetime({ offset: true, message: "must be an ISO 8601 time" })
          // "0000-01-01T00:00:00Z" is valid ISO 8601 but not a Postgres
          // timestamptz (there is no year 0): it used to reach the upsert and
          // come back as a 500. Year 0001 is the earliest time Postgres keeps.
          .refine((value) => Date.parse(value) >= EARLIEST_STORABLE_TIME, { message: "must be a time after year 0001" }),
      })
      .strict(),
    z.object({ upToMessageId: uuid }).strict(),
    z.object({}).strict(),
  ])
  .optional();

/** 204 No Content on success. */
export const POST = withRoute(
  { permissions: ["messages:list", "contacts:view"], params: contactParams, body: readBody },
  async ({ session, params, body }) => {
    const db = getPrisma();
    const throttle = await hitRateLimit(db, `mark-read:${session.userId}`, MARK_READ_RULE);
    if (!throttle.allowed) {
      throw new ApiError("rate_limited", "Too many mark-read requests. Retry after the indicated delay.", {
        "Retry-After": String(throttle.retryAfterSeconds),
      });
    }
    const cursor =
      body && "lastReadAt" in body
        ? { lastReadAt: new Date(body.lastReadAt) }
        : body && "upToMessageId" in body
          ? { upToMessageId: body.upToMessageId }
          : undefined;
    // Position and read state from one transaction: the event's readThrough
    // belongs to its countedVersion (issue 16).
    const { position, state } = await db.$transaction(async (tx) => {
      const position = await markContactRead(tx, session, params.contactId, cursor);
      return { position, state: await readMemberEventState(tx, session, params.contactId) };
    });
    // Every tab, the caller's too: the reading tab learns its exact readThrough from the event.
    await publishConversationRead(session.userId, {
      organizationId: session.organizationId,
      contactId: position.contactId,
      lastReadAt: position.lastReadAt.toISOString(),
      ...state,
    });
    return new Response(null, { status: 204 });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
