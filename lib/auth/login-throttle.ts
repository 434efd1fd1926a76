import { getPrisma } from "@/lib/db/prisma";
import { hitRateLimit } from "@/lib/rate-limit/sliding-window";
import { LOGIN_PER_ACCOUNT_RULE, LOGIN_PER_IP_RULE } from "@/lib/rate-limit/rules";

export const LOGIN_THROTTLED_ERROR = "TooManyAttempts";

/**
 * Throws when an account or an address has made too many sign-in attempts.
 * next-auth turns a thrown error into `?error=<message>` on the login page.
 */
export async function enforceLoginThrottle(input: { email: string; ip: string }) {
  const db = getPrisma();
  const perAccount = await hitRateLimit(db, `login:account:${input.email}`, LOGIN_PER_ACCOUNT_RULE);
  const perIp = await hitRateLimit(db, `login:ip:${input.ip}`, LOGIN_PER_IP_RULE);
  if (!perAccount.allowed || !perIp.allowed) throw new Error(LOGIN_THROTTLED_ERROR);
}
