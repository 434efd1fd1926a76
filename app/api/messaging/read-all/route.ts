import { socketIdOf } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { markAllRead } from "@/lib/messaging/read-state";
import { publishConversationRead } from "@/lib/realtime/publish";

/** 204 No Content. */
export const POST = withRoute({ permissions: ["messages:list"] }, async ({ req, session }) => {
  const result = await markAllRead(getPrisma(), session);
  await publishConversationRead(
    session.userId,
    { organizationId: session.organizationId, contactId: null, scope: "all", lastReadAt: result.lastReadAt.toISOString(), unreadCount: 0 },
    socketIdOf(req),
  );
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
