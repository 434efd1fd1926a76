import { messageParams, socketIdOf } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { softDeleteMessage } from "@/lib/messaging/messages";
import { publishMessageRemoved } from "@/lib/realtime/publish";

/** 204 No Content; a second delete, or another organization's message, is 404. */
export const DELETE = withRoute(
  { permissions: ["messages:delete"], params: messageParams },
  async ({ req, session, params }) => {
    const message = await softDeleteMessage(getPrisma(), session, params.messageId);
    await publishMessageRemoved(
      session.organizationId,
      { ...message, createdAt: message.createdAt.toISOString() },
      socketIdOf(req),
    );
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
