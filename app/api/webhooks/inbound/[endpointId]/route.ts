import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { readRawBody } from "@/lib/api/read-body";
import { storableText, uuid } from "@/lib/api/schemas";
import { handleErrors, otherMethods } from "@/lib/api/with-route";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import { receiveInboundMessage } from "@/lib/messaging/inbound";
import { publishMessageNew } from "@/lib/realtime/publish";
import { verifyInboundWebhook } from "@/lib/webhooks/inbound-signature";

export type InboundWebhookResponse = { id: string };

const inboundBody = z
  .object({
    contactId: uuid,
    body: storableText()
      .min(1, { message: "must not be empty" })
      .max(4000, { message: "must be at most 4000 characters" }),
    kind: z.enum(["chat", "post", "task", "system"]).default("chat"),
    externalId: storableText().min(1).max(255).optional(),
  })
  .strict();

/**
 * Called by the SMS/chat provider, not by a browser: authenticated by an HMAC
 * signature instead of a session, so it sits outside withRoute.
 */
export async function POST(req: NextRequest) {
  return handleErrors(async () => {
    const rawBody = await readRawBody(req);
    const check = verifyInboundWebhook({
      secret: serverConfig().inboundWebhookSecret,
      timestampHeader: req.headers.get("x-webhook-timestamp"),
      signatureHeader: req.headers.get("x-webhook-signature"),
      rawBody,
    });
    if (!check.ok) throw new ApiError("unauthorized", check.reason);

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new ApiError("bad_request", "The request body is not valid JSON.");
    }
    const parsed = inboundBody.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError("bad_request", `Invalid request body (${issue?.path.join(".") || "body"}): ${issue?.message}.`);
    }

    const result = await receiveInboundMessage(getPrisma(), parsed.data);
    if (result.created) await publishMessageNew(result.organizationId, result.event);
    return Response.json({ id: result.event.id } satisfies InboundWebhookResponse, {
      status: result.created ? 201 : 200,
    });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
