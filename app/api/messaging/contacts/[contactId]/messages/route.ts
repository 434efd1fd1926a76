import { z } from "zod";
import { contactParams, limitParam, singleValue, socketIdOf, storableText } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { listMessages } from "@/lib/messaging/messages";
import type { MessageListResponse, SendMessageResponse } from "@/lib/shared/api-types";
import { replyToConversation } from "@/lib/messaging/use-cases";
import { publishEvents } from "@/lib/realtime/publish";


export const GET = withRoute(
  {
    permissions: ["messages:list"],
    params: contactParams,
    query: z.object({ before: singleValue.optional(), limit: limitParam(100, 30) }),
  },
  async ({ session, params, query }) => {
    const page = await listMessages(getPrisma(), session, params.contactId, query);
    return Response.json(page satisfies MessageListResponse, { headers: { "Cache-Control": "no-store" } });
  },
);

const sendBody = z
  .object({
    body: storableText()
      .max(4000, { message: "must be at most 4000 characters" })
      .refine((value) => value.trim().length > 0, { message: "must not be empty" }),
  })
  .strict();

/** 201 with the stored message. Replying marks the conversation read for the sender. */
export const POST = withRoute(
  { permissions: ["messages:send"], params: contactParams, body: sendBody },
  async ({ req, session, params, body }) => {
    const { result: message, events } = await replyToConversation(getPrisma(), session, params.contactId, body.body);
    await publishEvents(events, socketIdOf(req));
    return Response.json({ message } satisfies SendMessageResponse, { status: 201 });
  },
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
