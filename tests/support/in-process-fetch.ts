import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { createBadgerApi } from "@/lib/client/badger-api";
import { matchRoute } from "./routes";

export const TEST_ORIGIN = "http://localhost:3000";

/** A real next-auth session token, signed with the app's secret, as the browser would hold it. */
export async function sessionCookie(session: { userId: string; organizationId: string | null; email?: string }) {
  const token = await encode({
    secret: process.env.NEXTAUTH_SECRET ?? DEV_DEFAULTS.nextAuthSecret,
    token: { userId: session.userId, activeOrganizationId: session.organizationId, email: session.email ?? "" },
  });
  return `next-auth.session-token=${token}`;
}

/**
 * `fetch` that runs the app's real route handlers in this process: same
 * request parsing, auth, validation and SQL as production, without a server.
 */
export function inProcessFetch(cookie?: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url, TEST_ORIGIN);
    const route = matchRoute(url.pathname);
    if (!route) return Response.json({ error: { code: "not_found", message: "No such route." } }, { status: 404 });
    const headers = new Headers(init?.headers);
    if (cookie) headers.set("cookie", cookie);
    const method = (init?.method ?? "GET").toUpperCase();
    const req = new NextRequest(url, { ...init, method, headers } as ConstructorParameters<typeof NextRequest>[1]);
    const routeModule = await route.entry.load();
    const handler = routeModule[method as keyof typeof routeModule] as
      | ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>)
      | undefined;
    if (!handler) return new Response(null, { status: 405 });
    return handler(req, { params: Promise.resolve(route.params) });
  };
}

export async function apiAs(session: { userId: string; organizationId: string | null }) {
  const cookie = await sessionCookie(session);
  return { api: createBadgerApi({ fetch: inProcessFetch(cookie) }), fetch: inProcessFetch(cookie), cookie };
}
