import { z } from "zod";
import { contactParams, limitParam, singleValue, socketIdOf, storableText } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import type { MessageDto } from "@/lib/messaging/message-dto";
import { listMessages, sendOutboundMessage, type MessagePage } from "@/lib/messaging/messages";
import { readMemberEventState } from "@/lib/messaging/counted-state";
import { markContactRead } from "@/lib/messaging/read-state";
import { publishConversationRead, publishMessageNew } from "@/lib/realtime/publish";

export type MessageListResponse = MessagePage;
export type SendMessageResponse = { message: MessageDto };

export const GET = withRoute(
  {
    permissions: ["messages:list", "contacts:view"],
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
  { permissions: ["messages:send", "contacts:view"], params: contactParams, body: sendBody },
  async ({ req, session, params, body }) => {
    // One transaction, so the events' versions and readThrough belong together (issue 16).
    const { contact, message, position, state } = await getPrisma().$transaction(async (tx) => {
      const sent = await sendOutboundMessage(tx, session, params.contactId, body.body);
      const position = await markContactRead(tx, session, params.contactId, { upToMessageId: sent.message.id });
      return { ...sent, position, state: await readMemberEventState(tx, session, params.contactId) };
    });
    const { readThrough, ...counted } = state;
    await Promise.all([
      publishMessageNew(
        session.organizationId,
        {
          id: message.id,
          contactId: message.contactId,
          contactName: contact.name,
          direction: message.direction,
          kind: message.kind,
          preview: message.preview,
          createdAt: message.createdAt,
          countedTotal: counted.countedTotal,
          countedVersion: counted.countedVersion,
          countedChange: 0,
        },
        socketIdOf(req),
      ),
      // Every tab of the sender, this one too: it learns its readThrough from it.
      publishConversationRead(session.userId, {
        organizationId: session.organizationId,
        contactId: contact.id,
        lastReadAt: position.lastReadAt.toISOString(),
        readThrough,
        ...counted,
      }),
    ]);
    return Response.json({ message } satisfies SendMessageResponse, { status: 201 });
  },
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
