// Calls a real route handler in this process with full control over what is
// sent: any method, raw query string, raw body bytes, headers and path params
// (including values a URL could not carry). Same handlers, parsing, auth and
// SQL as production; only the HTTP server is skipped.
import { NextRequest } from "next/server";
import { TEST_ORIGIN, sessionCookie } from "../../support/in-process-fetch";
import { API_ROUTES } from "../../support/routes";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export type RouteCall = {
  route: string;
  method: Method;
  params?: Record<string, string>;
  /** Raw query string without "?", sent as is. */
  search?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  cookie?: string;
};

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** What a browser on the app's own origin sends with a fetch() that mutates. */
export const SAME_ORIGIN_HEADERS = { origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" } as const;

function pathOf(route: string, params: Record<string, string>) {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => {
    try {
      return encodeURIComponent(params[name] ?? "x");
    } catch {
      return "unencodable"; // lone surrogates: the handler reads params from the context anyway
    }
  });
}

export async function callRoute(call: RouteCall): Promise<Response> {
  const entry = API_ROUTES.find((candidate) => candidate.pattern === call.route);
  if (!entry) throw new Error(`Unknown route ${call.route}`);
  const params = call.params ?? {};
  const url = `${TEST_ORIGIN}${pathOf(call.route, params)}${call.search ? `?${call.search}` : ""}`;
  const headers = new Headers(call.headers);
  if (call.cookie) headers.set("cookie", call.cookie);
  const hasBody = call.body !== undefined && call.method !== "GET";
  const req = new NextRequest(url, {
    method: call.method,
    headers,
    body: hasBody ? (call.body as BodyInit) : undefined,
  });
  const handlers = await entry.load();
  const handler = handlers[call.method] as Handler | undefined;
  if (!handler) throw new Error(`${call.route} does not export ${call.method}: Next would answer an empty 405`);
  return handler(req, { params: Promise.resolve(params) });
}

export function cookieFor(userId: string, organizationId: string) {
  return sessionCookie({ userId, organizationId });
}

/** Response as plain data, for equality checks and leak searches. */
export async function readResponse(response: Response) {
  const text = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // both differ on every request by design, whatever it asks for
    if (name !== "date" && name !== "x-request-id") headers[name] = value;
  });
  return { status: response.status, text, headers };
}

export type ReadResponse = Awaited<ReturnType<typeof readResponse>>;

/** The project's one error shape, with a status that matches its code. */
export function expectJsonError(response: ReadResponse, context = "") {
  const where = `${context} → ${response.status} ${response.text.slice(0, 300)}`;
  expect(response.headers["content-type"], where).toMatch(/^application\/json/);
  let body: unknown;
  expect(() => (body = JSON.parse(response.text)), where).not.toThrow();
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  expect(typeof error?.code, where).toBe("string");
  expect(typeof error?.message, where).toBe("string");
  expect(Object.keys(body as object), where).toEqual(["error"]);
}
