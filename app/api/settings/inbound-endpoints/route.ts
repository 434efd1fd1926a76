import { z } from "zod";
import { storableText } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import type { InboundEndpointListResponse, InboundEndpointSecretResponse } from "@/lib/shared/api-types";
import { createInboundEndpoint, listInboundEndpoints } from "@/lib/webhooks/inbound-endpoints";

const createBody = z
  .object({
    name: storableText()
      .trim()
      .min(1, { message: "must not be empty" })
      .max(80, { message: "must be at most 80 characters" }),
  })
  .strict();

export const GET = withRoute({ permissions: ["webhooks:manage"] }, async ({ session }) => {
  const endpoints = await listInboundEndpoints(getPrisma(), session.organizationId);
  return Response.json({ endpoints } satisfies InboundEndpointListResponse, { headers: { "Cache-Control": "no-store" } });
});

/** 201 with the new secret, the only answer that ever contains it. */
export const POST = withRoute({ permissions: ["webhooks:manage"], body: createBody }, async ({ session, body }) => {
  const created = await createInboundEndpoint(getPrisma(), {
    organizationId: session.organizationId,
    name: body.name,
    serverSecret: serverConfig().nextAuthSecret,
  });
  return Response.json(created satisfies InboundEndpointSecretResponse, { status: 201, headers: { "Cache-Control": "no-store" } });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
