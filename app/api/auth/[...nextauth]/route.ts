import NextAuth from "next-auth";
import { authOptions, LOGIN_UNAVAILABLE_ERROR } from "@/lib/auth/auth-options";
import { LOGIN_THROTTLED_ERROR } from "@/lib/auth/login-throttle";

type NextAuthRouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so configuration errors surface as a clear
// failure of this route, not at import time during the build.
async function handler(req: Request, context: NextAuthRouteContext) {
  const response = await NextAuth(authOptions())(req, context);
  return withSignInStatus(req, context, response);
}

/**
 * next-auth answers every refused credentials sign-in with 401, a throttled
 * one included. The JSON sign-in that next-auth/react's signIn() sends gets
 * the status that says what happened: 429 when the login throttle refused the
 * attempt, 503 when the database was down. The body ({"url": ".../login?
 * error=<code>"}) is unchanged, so signIn() still reports the same error code.
 * Plain form posts keep next-auth's redirect to the login page.
 */
const STATUS_BY_ERROR: Record<string, number> = { [LOGIN_THROTTLED_ERROR]: 429, [LOGIN_UNAVAILABLE_ERROR]: 503 };

async function withSignInStatus(req: Request, context: NextAuthRouteContext, response: Response) {
  const { nextauth } = await context.params;
  const isCredentialsCallback = req.method === "POST" && nextauth?.[0] === "callback" && nextauth?.[1] === "credentials";
  if (!isCredentialsCallback || !response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.text();
  let status = response.status;
  try {
    const url = (JSON.parse(text) as { url?: unknown }).url;
    const error = typeof url === "string" ? new URL(url).searchParams.get("error") : null;
    status = (error && STATUS_BY_ERROR[error]) || status;
  } catch {
    // not the {"url"} answer: pass it through unchanged
  }
  return new Response(text, { status, headers: response.headers });
}

export { handler as GET, handler as POST };
