import { endpointParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { revokeInboundEndpoint } from "@/lib/webhooks/inbound-endpoints";

/** 204; the endpoint stops accepting deliveries at once. Another organization's endpoint is 404. */
export const DELETE = withRoute({ permissions: ["webhooks:manage"], params: endpointParams }, async ({ session, params }) => {
  await revokeInboundEndpoint(getPrisma(), { organizationId: session.organizationId, endpointId: params.endpointId });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
