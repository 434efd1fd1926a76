// Runs the app's real NextAuth route handler (app/api/auth/[...nextauth]) in
// this process. next-auth's App Router handler reads `headers()` and
// `cookies()` from next/headers, which only work inside Next's request scope,
// so each call runs inside the same async-storage stores Next sets up for a
// route handler. Everything else (CSRF, credentials callback, authorize(),
// the login throttle, JWT encoding, Set-Cookie) is the production code path.
import "./async-local-storage";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { TEST_ORIGIN } from "../../support/in-process-fetch";

const require = createRequire(import.meta.url);

type Storage<T> = { run<R>(store: T, callback: () => R): R };
const { workAsyncStorage } = require("next/dist/server/app-render/work-async-storage.external.js") as {
  workAsyncStorage: Storage<object>;
};
const { workUnitAsyncStorage } = require("next/dist/server/app-render/work-unit-async-storage.external.js") as {
  workUnitAsyncStorage: Storage<object>;
};
const { createRequestStoreForAPI } = require("next/dist/server/async-storage/request-store.js") as {
  createRequestStoreForAPI: (
    req: { headers: Record<string, string> },
    url: { pathname: string; search?: string },
    implicitTags: unknown,
    onUpdateCookies: undefined,
    previewProps: undefined,
  ) => object;
};

type Handler = (req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** Set-Cookie headers parsed into name → attributes. */
export type SetCookie = { name: string; value: string; attributes: Record<string, string | true> };

export function parseSetCookies(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair, ...rest] = line.split(";").map((part) => part.trim());
    const separator = pair.indexOf("=");
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const index = attribute.indexOf("=");
      if (index === -1) attributes[attribute.toLowerCase()] = true;
      else attributes[attribute.slice(0, index).toLowerCase()] = attribute.slice(index + 1);
    }
    return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes };
  });
}

export async function callNextAuth(
  path: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  const { GET, POST } = (await import("@/app/api/auth/[...nextauth]/route")) as unknown as { GET: Handler; POST: Handler };
  const url = new URL(`/api/auth/${path}`, process.env.NEXTAUTH_URL ?? TEST_ORIGIN);
  const req = new NextRequest(url, { method: init.method ?? "GET", headers: init.headers, body: init.body });
  const headers = Object.fromEntries(req.headers.entries());
  const workStore = { route: "/api/auth/[...nextauth]", page: "/api/auth/[...nextauth]/route", forceStatic: false, dynamicShouldError: false };
  const requestStore = createRequestStoreForAPI({ headers }, { pathname: url.pathname, search: url.search }, undefined, undefined, undefined);
  const handler = init.method === "POST" ? POST : GET;
  const segments = path.split("?")[0].split("/");
  return workAsyncStorage.run(workStore, () =>
    workUnitAsyncStorage.run(requestStore, () => handler(req, { params: Promise.resolve({ nextauth: segments }) })),
  );
}

/** A browser's sign-in: GET /api/auth/csrf (token + cookie), then POST the credentials callback. */
export async function signInWithCredentials(input: {
  email: string;
  password: string;
  ip?: string;
  extraHeaders?: Record<string, string>;
}) {
  const csrf = await callNextAuth("csrf");
  const cookies = parseSetCookies(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const response = await callNextAuth("callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader,
      origin: TEST_ORIGIN,
      ...(input.ip ? { "x-forwarded-for": input.ip } : {}),
      ...input.extraHeaders,
    },
    // what next-auth/react's signIn("credentials", { redirect: false }) posts
    body: new URLSearchParams({
      email: input.email,
      password: input.password,
      csrfToken,
      callbackUrl: `${TEST_ORIGIN}/inbox`,
      json: "true",
    }).toString(),
  });
  const text = await response.text();
  let url: string | undefined;
  try {
    url = (JSON.parse(text) as { url?: string }).url;
  } catch {
    url = undefined;
  }
  const error = url ? new URL(url).searchParams.get("error") : null;
  return { response, text, url, error, setCookies: parseSetCookies(response), csrfCookies: cookies };
}
