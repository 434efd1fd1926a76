import "#server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`, as providers sign. */
export function signInboundWebhook(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyInboundWebhook(input: {
  secret: string;
  timestampHeader: string | null;
  signatureHeader: string | null;
  rawBody: string;
  nowSeconds?: number;
}): SignatureCheck {
  const { timestampHeader, signatureHeader } = input;
  if (!timestampHeader || !/^\d{1,12}$/.test(timestampHeader)) {
    return { ok: false, reason: "Missing or malformed X-Webhook-Timestamp." };
  }
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestampHeader)) > SIGNATURE_TOLERANCE_SECONDS) {
    // Replays of captured requests fail here even with a valid signature.
    return { ok: false, reason: "X-Webhook-Timestamp is more than 5 minutes off." };
  }
  if (!signatureHeader) return { ok: false, reason: "Missing X-Webhook-Signature." };
  const expected = Buffer.from(signInboundWebhook(input.secret, timestampHeader, input.rawBody));
  const given = Buffer.from(signatureHeader.trim());
  // Length first: timingSafeEqual throws on unequal lengths, and the length of
  // a sha256 hex signature is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "Invalid X-Webhook-Signature." };
  }
  return { ok: true };
}

/** The request a provider sends: the raw JSON body, timestamped and signed with the endpoint's secret. */
export function signedDelivery(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-webhook-timestamp": String(timestamp),
      "x-webhook-signature": signInboundWebhook(secret, timestamp, rawBody),
    },
    body: rawBody,
  };
}
