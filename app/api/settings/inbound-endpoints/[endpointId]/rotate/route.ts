import { z } from "zod";
import { endpointParams } from "@/lib/api/schemas";
import { otherMethods, withRoute } from "@/lib/api/with-route";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import {
  DEFAULT_ROTATION_OVERLAP_MINUTES,
  MAX_ROTATION_OVERLAP_MINUTES,
  rotateInboundEndpoint,
} from "@/lib/webhooks/inbound-endpoints";
import type { InboundEndpointSecretResponse } from "@/lib/shared/api-types";

const rotateBody = z
  .object({
    overlapMinutes: z
      .number({ message: "must be a number of minutes" })
      .int({ message: "must be a whole number of minutes" })
      .min(0, { message: "must be 0 or more" })
      .max(MAX_ROTATION_OVERLAP_MINUTES, { message: `must be at most ${MAX_ROTATION_OVERLAP_MINUTES} (7 days)` })
      .default(DEFAULT_ROTATION_OVERLAP_MINUTES),
  })
  .strict()
  .optional()
  .transform((value) => value ?? { overlapMinutes: DEFAULT_ROTATION_OVERLAP_MINUTES });

/** 200 with the new secret; the previous one stays valid for `overlapMinutes` (default 24 h). */
export const POST = withRoute(
  { permissions: ["webhooks:manage"], params: endpointParams, body: rotateBody },
  async ({ session, params, body }) => {
    const rotated = await rotateInboundEndpoint(getPrisma(), {
      organizationId: session.organizationId,
      endpointId: params.endpointId,
      overlapMinutes: body.overlapMinutes,
      serverSecret: serverConfig().nextAuthSecret,
    });
    return Response.json(rotated satisfies InboundEndpointSecretResponse, { headers: { "Cache-Control": "no-store" } });
  },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
