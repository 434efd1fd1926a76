import { NextResponse, type NextRequest } from "next/server";

// Sends signed-out visitors of app pages to /login with the page they asked
// for, so a deep link to a conversation survives signing in. This only looks
// for the cookie; the page itself verifies the session.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/inbox/:path*"] };
