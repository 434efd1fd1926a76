import { messageParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { deleteMessage } from "@/lib/messaging/use-cases";
import { publishEvents } from "@/lib/realtime/publish";

/** 204 No Content; a second delete, or another organization's message, is 404. */
export const DELETE = withRoute(
  { permissions: ["messages:delete"], params: messageParams },
  async ({ session, params }) => {
    const { events } = await deleteMessage(getPrisma(), session, params.messageId);
    await publishEvents(events);
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
