import { contactParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { setConversationMuted } from "@/lib/messaging/mute";
import { publishConversationMuted } from "@/lib/realtime/publish";

const options = { permissions: ["messages:list", "contacts:view"], params: contactParams } as const;

function muteRoute(muted: boolean) {
  return withRoute({ ...options, permissions: [...options.permissions] }, async ({ session, params }) => {
    const event = await setConversationMuted(getPrisma(), session, params.contactId, muted);
    // Every tab of the member, this one too: it confirms the optimistic toggle.
    await publishConversationMuted(session.userId, event);
    return new Response(null, { status: 204 });
  });
}

/** Mute: 204, also when already muted. Another organization's contact is a 404. */
export const POST = muteRoute(true);
/** Unmute: 204, also when not muted. */
export const DELETE = muteRoute(false);

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
