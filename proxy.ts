import { NextResponse, type NextRequest } from "next/server";
import { CSRF_TOKEN_HEADER, csrfCookieName, csrfTokenFor, usesSecureCookies } from "@/lib/auth/csrf-cookie";
import { serverConfig } from "@/lib/config/server-config";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";

// Three jobs for every page and API request:
// - the Content-Security-Policy, built from the realtime server this process
//   was started with (lib/security/content-security-policy.ts);
// - signed-out visitors of app pages go to /login with the page they asked
//   for, so a deep link to a conversation survives signing in. This only looks
//   for the cookie; the page itself verifies the session;
// - /login gets next-auth's CSRF cookie, and the page its token, so the form
//   can post without JavaScript (lib/auth/csrf-cookie.ts).
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const PROTECTED = /^\/(inbox|settings)(\/|$)/;

export function proxy(request: NextRequest) {
  const signedOut = !SESSION_COOKIES.some((name) => request.cookies.has(name));
  let response: NextResponse;
  if (signedOut && PROTECTED.test(request.nextUrl.pathname)) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    response = NextResponse.redirect(login);
  } else if (request.nextUrl.pathname === "/login") {
    response = withCsrfToken(request);
  } else {
    response = NextResponse.next();
  }
  response.headers.set("Content-Security-Policy", contentSecurityPolicy(process.env, process.env.NODE_ENV !== "production"));
  return response;
}

// Everything but Next's static build output and public files.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.svg).*)"] };

function withCsrfToken(request: NextRequest): NextResponse {
  const secure = usesSecureCookies();
  const name = csrfCookieName(secure);
  const { token, cookie } = csrfTokenFor(request.cookies.get(name)?.value, serverConfig().nextAuthSecret);
  const headers = new Headers(request.headers);
  headers.set(CSRF_TOKEN_HEADER, token);
  const response = NextResponse.next({ request: { headers } });
  if (cookie) response.cookies.set(name, cookie, { httpOnly: true, sameSite: "lax", path: "/", secure });
  return response;
}
