import { contactParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { setConversationMuted } from "@/lib/messaging/mute";
import { publishEvents } from "@/lib/realtime/publish";

function muteRoute(muted: boolean) {
  return withRoute({ permissions: ["messages:list"], params: contactParams }, async ({ session, params }) => {
    const { events } = await setConversationMuted(getPrisma(), session, params.contactId, muted);
    await publishEvents(events);
    return new Response(null, { status: 204 });
  });
}

/** Mute: 204, also when already muted. Another organization's contact is a 404. */
export const POST = muteRoute(true);
/** Unmute: 204, also when not muted. */
export const DELETE = muteRoute(false);

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
