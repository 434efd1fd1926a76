import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { signInboundWebhook } from "@/lib/webhooks/inbound-signature";
import { inProcessFetch } from "./in-process-fetch";

/** Delivers an inbound message as a provider would: signed, through the real route. */
export async function deliverInbound(
  payload: Record<string, unknown> | string,
  options: { timestamp?: number; secret?: string; signature?: string | null } = {},
) {
  const raw = typeof payload === "string" ? payload : JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = options.secret ?? process.env.INBOUND_WEBHOOK_SECRET ?? DEV_DEFAULTS.inboundWebhookSecret;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-webhook-timestamp": String(timestamp),
  };
  const signature = options.signature === undefined ? signInboundWebhook(secret, timestamp, raw) : options.signature;
  if (signature !== null) headers["x-webhook-signature"] = signature;
  return inProcessFetch()("/api/webhooks/inbound", { method: "POST", headers, body: raw });
}
