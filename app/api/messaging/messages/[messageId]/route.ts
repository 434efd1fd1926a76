import { messageParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { softDeleteMessage } from "@/lib/messaging/messages";
import { publishMessageRemoved } from "@/lib/realtime/publish";

/** 204 No Content; a second delete, or another organization's message, is 404. */
export const DELETE = withRoute(
  { permissions: ["messages:delete"], params: messageParams },
  async ({ session, params }) => {
    const message = await softDeleteMessage(getPrisma(), session, params.messageId);
    // Every tab, the deleting one too: its version must move like everyone's (issue 16).
    await publishMessageRemoved(session.organizationId, { ...message, createdAt: message.createdAt.toISOString() });
    return new Response(null, { status: 204 });
  },
);

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
