import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload, "utf8").digest("hex");
}

export function md5Hex(body: Buffer | string): string {
  return createHash("md5").update(body).digest("hex");
}

/**
 * Constant-time string comparison. Both sides are hashed first so that the
 * comparison time does not reveal the expected length either
 * (`timingSafeEqual` itself throws on length mismatch).
 */
export function safeEqual(actual: string, expected: string): boolean {
  const a = createHash("sha256").update(actual, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

export interface ChannelAuthCheck {
  key: string;
  secret: string;
  socketId: string;
  channel: string;
  /** The `auth` field of `pusher:subscribe`: `<key>:<hex signature>`. */
  auth: unknown;
}

/**
 * Verifies a private-channel subscription signature, i.e. what
 * `pusher.authorizeChannel(socketId, channel)` in the server SDK produces:
 * `<key>:<hex HMAC-SHA256(secret, "<socket_id>:<channel>")>`.
 */
export function verifyChannelAuth(check: ChannelAuthCheck): boolean {
  if (typeof check.auth !== "string") return false;
  const separator = check.auth.indexOf(":");
  if (separator <= 0) return false;

  const presentedKey = check.auth.slice(0, separator);
  const presentedSignature = check.auth.slice(separator + 1);
  const expectedSignature = hmacSha256Hex(
    check.secret,
    `${check.socketId}:${check.channel}`,
  );
  // Evaluate both comparisons unconditionally so a wrong key and a wrong
  // signature take the same time.
  const keyMatches = safeEqual(presentedKey, check.key);
  const signatureMatches = safeEqual(presentedSignature, expectedSignature);
  return keyMatches && signatureMatches;
}
