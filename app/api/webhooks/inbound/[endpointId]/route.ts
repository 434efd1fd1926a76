import type { InboundWebhookResponse } from "@/lib/shared/api-types";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { readRawBody } from "@/lib/api/read-body";
import { storableText, uuid } from "@/lib/api/schemas";
import { handleErrors } from "@/lib/api/handle-errors";
import { otherMethods } from "@/lib/api/with-route";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import { notFound } from "@/lib/domain/domain-error";
import { receiveInboundMessage } from "@/lib/messaging/inbound";
import { bindToRequest } from "@/lib/observability/logger";
import { publishEvents } from "@/lib/realtime/publish";
import { endpointForDelivery } from "@/lib/webhooks/inbound-endpoints";
import { verifyInboundWebhook } from "@/lib/webhooks/inbound-signature";


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

type Context = { params: Promise<Record<string, string | string[]>> };

/**
 * Called by the SMS/chat provider, not by a browser: authenticated by the
 * HMAC signature of one organization's endpoint instead of a session, so it
 * sits outside withRoute. The endpoint, never the payload, decides the
 * organization a delivery may write into.
 */
export async function POST(req: NextRequest, context: Context) {
  return handleErrors(req, async () => {
    const { endpointId } = await context.params;
    const db = getPrisma();
    const serverSecret = serverConfig().nextAuthSecret;
    const endpoint = uuid.safeParse(endpointId).success
      ? await endpointForDelivery(db, String(endpointId), serverSecret)
      : null;
    if (!endpoint) throw notFound("endpoint");
    bindToRequest({ organizationId: endpoint.organizationId });
    const rawBody = await readRawBody(req);
    // During a rotation two secrets are live; either one's signature is accepted.
    const checks = (endpoint.secrets.length > 0 ? endpoint.secrets : [""]).map((secret) =>
      verifyInboundWebhook({
        secret,
        timestampHeader: req.headers.get("x-webhook-timestamp"),
        signatureHeader: req.headers.get("x-webhook-signature"),
        rawBody,
      }),
    );
    const accepted = endpoint.secrets.length > 0 && checks.some((check) => check.ok);
    if (!accepted) {
      const failed = checks.find((check) => !check.ok);
      throw new ApiError("unauthorized", failed && !failed.ok ? failed.reason : "Invalid X-Webhook-Signature.");
    }

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

    const result = await receiveInboundMessage(db, { ...parsed.data, organizationId: endpoint.organizationId });
    await publishEvents(result.events);
    return Response.json({ id: result.messageId } satisfies InboundWebhookResponse, {
      status: result.created ? 201 : 200,
    });
  });
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
