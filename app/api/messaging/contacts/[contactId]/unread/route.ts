import { contactParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { unreadConversation } from "@/lib/messaging/use-cases";
import { publishEvents } from "@/lib/realtime/publish";

/** 204 No Content; 409 when the conversation has nothing that counts as unread. */
export const POST = withRoute(
  { permissions: ["messages:list"], params: contactParams },
  async ({ session, params }) => {
    const { events } = await unreadConversation(getPrisma(), session, params.contactId);
    await publishEvents(events);
    return new Response(null, { status: 204 });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
