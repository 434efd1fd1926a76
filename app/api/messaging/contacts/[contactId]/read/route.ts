import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { contactParams, socketIdOf, uuid } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { markContactRead } from "@/lib/messaging/read-state";
import { getUnreadCount } from "@/lib/messaging/unread-counts";
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
  async ({ req, session, params, body }) => {
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
    const position = await markContactRead(db, session, params.contactId, cursor);
    const unreadCount = await getUnreadCount(db, { ...session, contactId: params.contactId });
    await publishConversationRead(
      session.userId,
      { contactId: position.contactId, lastReadAt: position.lastReadAt.toISOString(), unreadCount },
      socketIdOf(req),
    );
    return new Response(null, { status: 204 });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
