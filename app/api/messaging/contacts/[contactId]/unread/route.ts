import { contactParams, socketIdOf } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { markContactUnread } from "@/lib/messaging/read-state";
import { getUnreadCount } from "@/lib/messaging/unread-counts";
import { publishConversationUnread } from "@/lib/realtime/publish";

/** 204 No Content; 409 when the conversation has nothing that counts as unread. */
export const POST = withRoute(
  { permissions: ["messages:list", "contacts:view"], params: contactParams },
  async ({ req, session, params }) => {
    const db = getPrisma();
    const position = await markContactUnread(db, session, params.contactId);
    const unreadCount = await getUnreadCount(db, { ...session, contactId: params.contactId });
    await publishConversationUnread(
      session.userId,
      { contactId: position.contactId, lastReadAt: position.lastReadAt.toISOString(), unreadCount },
      socketIdOf(req),
    );
    return new Response(null, { status: 204 });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
