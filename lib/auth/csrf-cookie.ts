import "#server-only";
import { createHash, randomBytes } from "node:crypto";

// The sign-in form must work before (or without) JavaScript: a plain POST to
// next-auth's credentials callback, which checks a double-submit CSRF token
// (the cookie holds "<token>|sha256(<token><secret>)", the form the token).
// next-auth only issues that cookie from its own routes, which a browser
// without scripts never calls first, so proxy.ts issues it for /login in
// exactly next-auth's format (next-auth/core/lib/csrf-token.js).

export const CSRF_TOKEN_HEADER = "x-badger-csrf-token";

/** next-auth's choice: secure, __Host- prefixed cookies whenever the site is https. */
export function usesSecureCookies(env: NodeJS.ProcessEnv = process.env): boolean {
  const base = env.NEXTAUTH_URL || (env.VERCEL_URL ? `https://${env.VERCEL_URL}` : "");
  return base.startsWith("https://");
}

export function csrfCookieName(secure: boolean): string {
  return `${secure ? "__Host-" : ""}next-auth.csrf-token`;
}

const hashOf = (token: string, secret: string) => createHash("sha256").update(`${token}${secret}`).digest("hex");

/** The token of a valid existing cookie, or a new token and the cookie value to set. */
export function csrfTokenFor(cookieValue: string | undefined, secret: string): { token: string; cookie?: string } {
  if (cookieValue) {
    const [token, hash] = cookieValue.split("|");
    if (token && hash === hashOf(token, secret)) return { token };
  }
  const token = randomBytes(32).toString("hex");
  return { token, cookie: `${token}|${hashOf(token, secret)}` };
}
