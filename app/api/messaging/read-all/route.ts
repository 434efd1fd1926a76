import { socketIdOf } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { readEverything } from "@/lib/messaging/use-cases";
import { publishEvents } from "@/lib/realtime/publish";

/** 204 No Content. */
export const POST = withRoute({ permissions: ["messages:list"] }, async ({ req, session }) => {
  const { events } = await readEverything(getPrisma(), session);
  await publishEvents(events, socketIdOf(req));
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
