import "#server-only";
import { createHash } from "node:crypto";
import { getPrisma } from "@/lib/db/prisma";
import { hitRateLimit } from "@/lib/rate-limit/sliding-window";
import { LOGIN_PER_ACCOUNT_RULE, LOGIN_PER_IP_RULE } from "@/lib/rate-limit/rules";

export const LOGIN_THROTTLED_ERROR = "TooManyAttempts";

/**
 * The limiter key for a client-supplied value. The raw value used to go into
 * rate_limit_hit.key as is: an email with a NUL byte is not storable text in
 * Postgres and a 100 KB one overflows the key index, so the attempt failed
 * with the database's error message shown in the login URL. A digest is
 * bounded, storable, and does not keep email addresses in the table.
 */
function keyOf(kind: "account" | "ip", value: string) {
  return `login:${kind}:${createHash("sha256").update(value).digest("base64url")}`;
}

/**
 * Throws when an account or an address has made too many sign-in attempts.
 * next-auth turns a thrown error into `?error=<message>` on the login page,
 * and the auth route answers such a JSON sign-in with 429.
 */
export async function enforceLoginThrottle(input: { email: string; ip: string }) {
  const db = getPrisma();
  const perAccount = await hitRateLimit(db, keyOf("account", input.email), LOGIN_PER_ACCOUNT_RULE);
  const perIp = await hitRateLimit(db, keyOf("ip", input.ip), LOGIN_PER_IP_RULE);
  if (!perAccount.allowed || !perIp.allowed) throw new Error(LOGIN_THROTTLED_ERROR);
}
