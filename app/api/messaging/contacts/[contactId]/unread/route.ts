import { contactParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { markContactUnread } from "@/lib/messaging/read-state";
import { readMemberEventState } from "@/lib/messaging/counted-state";
import { publishConversationUnread } from "@/lib/realtime/publish";

/** 204 No Content; 409 when the conversation has nothing that counts as unread. */
export const POST = withRoute(
  { permissions: ["messages:list", "contacts:view"], params: contactParams },
  async ({ session, params }) => {
    const db = getPrisma();
    const { position, state } = await db.$transaction(async (tx) => {
      const position = await markContactUnread(tx, session, params.contactId);
      return { position, state: await readMemberEventState(tx, session, params.contactId) };
    });
    // Every tab, the caller's too: it learns its exact readThrough from the event.
    await publishConversationUnread(session.userId, {
      organizationId: session.organizationId,
      contactId: position.contactId,
      lastReadAt: position.lastReadAt.toISOString(),
      ...state,
    });
    return new Response(null, { status: 204 });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
