// Web security, tested on the real code paths:
//   - mutating routes accept only same-origin browser requests (the signed
//     webhook aside);
//   - the session cookie next-auth actually sets through the app's own
//     credentials callback: HttpOnly, SameSite=Lax, Secure on https;
//   - the security headers of next.config.mjs;
//   - webhook replays older than 5 minutes are refused;
//   - login attempts are throttled per account and per address (429);
//   - a password never shows up in a log line, a response, a cookie or an error.
import "./support/async-local-storage";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { decode } from "next-auth/jwt";
import { hashPassword } from "@/lib/auth/password";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { createPrismaClient, setPrismaForProcess } from "@/lib/db/prisma";
import type { LocalPusherServer } from "@/lib/realtime/local-server/create-local-pusher-server";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { startRealtime } from "../support/realtime";
import { API_ROUTES } from "../support/routes";
import { getTestPrisma } from "../support/test-database";
import { deliverInbound } from "../support/webhook";
import { METHODS, SAME_ORIGIN_HEADERS, callRoute, cookieFor, expectJsonError, readResponse, type Method } from "./support/call-route";
import { callNextAuth, signInWithCredentials } from "./support/next-auth-route";
import { snapshotOrganizations } from "./support/snapshot";

const db = getTestPrisma();
const repoRoot = path.resolve(import.meta.dirname, "..", "..");

let server: LocalPusherServer;
beforeAll(async () => {
  server = await startRealtime();
});
afterAll(async () => {
  await server.close();
});

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function userWithPassword(password: string) {
  const org = await createOrganization(db, { members: { member: "admin" }, contacts: 1 });
  const user = await db.user.update({
    where: { id: org.users.member.id },
    data: { passwordHash: await hashPassword(password) },
  });
  return { org, user };
}

// ---------------------------------------------------------------------------
// Same-origin
// ---------------------------------------------------------------------------

describe("mutating routes accept only same-origin requests", () => {
  let org: OrgFixture;
  let cookie: string;
  let messageId: string;

  beforeAll(async () => {
    org = await createOrganization(db, { members: { admin: "admin" }, contacts: 1 });
    [messageId] = await addMessages(db, org.organizationId, [{ contactId: org.contactIds[0], createdAt: minutesAgo(5) }]);
    cookie = await cookieFor(org.users.admin.id, org.organizationId);
  });

  const CROSS_SITE: Record<string, Record<string, string>> = {
    "another site's Origin": { origin: "https://evil.example" },
    "another site's Origin and Sec-Fetch-Site": { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    "Sec-Fetch-Site: cross-site alone": { "sec-fetch-site": "cross-site" },
    "a sibling port on the same host": { origin: "http://localhost:3001", "sec-fetch-site": "same-site" },
    "an opaque Origin (sandboxed iframe, data: URL)": { origin: "null" },
  };

  /** A request that would succeed for this route and method, origin aside. */
  function validRequest(route: string, method: Method): { params?: Record<string, string>; headers?: Record<string, string>; body?: string } {
    const contactId = org.contactIds[0];
    switch (`${method} ${route}`) {
      case "POST /api/messaging/contacts/[contactId]/messages":
        return { params: { contactId }, headers: { "content-type": "application/json" }, body: JSON.stringify({ body: "hi" }) };
      case "POST /api/pusher/auth":
        return {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `socket_id=1.2&channel_name=private-org-${org.organizationId}`,
        };
      default:
        return { params: { contactId, messageId } };
    }
  }

  const mutatingMethods = METHODS.filter((method) => method !== "GET");
  const cases = API_ROUTES.flatMap((route) => mutatingMethods.map((method) => [route.pattern, method] as const)).filter(
    ([route]) => route !== "/api/webhooks/inbound",
  );

  it.each(cases)("%s %s: refused cross-site (403, or 405 where the method does not exist), nothing written", async (route, method) => {
    const before = await snapshotOrganizations(db, [org.organizationId]);
    for (const [label, headers] of Object.entries(CROSS_SITE)) {
      const request = validRequest(route, method);
      const response = await readResponse(
        await callRoute({ route, method, cookie, ...request, headers: { ...request.headers, ...headers } }),
      );
      expect([403, 405], `${label}: ${response.text}`).toContain(response.status);
      expectJsonError(response, label);
      if (response.status === 403) expect(JSON.parse(response.text).error.message).toMatch(/cross-origin/i);
    }
    expect(await snapshotOrganizations(db, [org.organizationId])).toEqual(before);
  });

  it("the same request from the app's own origin succeeds (and so does one without Origin: not a browser, no ambient cookies)", async () => {
    for (const headers of [SAME_ORIGIN_HEADERS, {}]) {
      const read = await callRoute({
        route: "/api/messaging/contacts/[contactId]/read",
        method: "POST",
        params: { contactId: org.contactIds[0] },
        headers,
        cookie,
      });
      expect(read.status).toBe(204);
      const auth = await callRoute({
        route: "/api/pusher/auth",
        method: "POST",
        ...validRequest("/api/pusher/auth", "POST"),
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        cookie,
      });
      expect(auth.status).toBe(200);
    }
  });

  it("behind a proxy, the forwarded host is the origin the browser saw", async () => {
    const headers = { origin: "https://badger.example", "x-forwarded-host": "badger.example" };
    const allowed = await callRoute({ route: "/api/messaging/read-all", method: "POST", headers, cookie });
    expect(allowed.status).toBe(204);
    const refused = await callRoute({
      route: "/api/messaging/read-all",
      method: "POST",
      headers: { origin: "https://evil.example", "x-forwarded-host": "badger.example" },
      cookie,
    });
    expect(refused.status).toBe(403);
  });

  it("the signed webhook is exempt: a provider is not a browser, its signature is the authentication", async () => {
    const response = await callRoute({
      route: "/api/webhooks/inbound",
      method: "POST",
      headers: { origin: "https://provider.example", "sec-fetch-site": "cross-site" },
      body: "{}",
    });
    expect(response.status).toBe(401); // refused for its signature, not for its origin
    const signed = await deliverInbound({ contactId: org.contactIds[0], body: "from the provider" });
    expect(signed.status).toBe(201);
  });
});

// ---------------------------------------------------------------------------
// Session cookies, as next-auth sets them through the app's credentials route
// ---------------------------------------------------------------------------

describe("session cookies set by the real sign-in", () => {
  const password = `pw-${randomUUID()}`;
  let email: string;
  let account: Awaited<ReturnType<typeof userWithPassword>>;

  beforeAll(async () => {
    account = await userWithPassword(password);
    email = account.user.email;
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("over http (development): HttpOnly, SameSite=Lax, Path=/, expiring; not Secure", async () => {
    const result = await signInWithCredentials({ email, password, ip: randomIp() });
    expect(result.response.status).toBe(200);
    const session = result.setCookies.find((cookie) => cookie.name === "next-auth.session-token");
    expect(session, JSON.stringify(result.setCookies)).toBeDefined();
    expect(session!.attributes).toMatchObject({ httponly: true, samesite: "Lax", path: "/" });
    expect(session!.attributes.secure).toBeUndefined();
    expect(Date.parse(String(session!.attributes.expires))).toBeGreaterThan(Date.now());
    const csrf = result.csrfCookies.find((cookie) => cookie.name === "next-auth.csrf-token");
    expect(csrf!.attributes).toMatchObject({ httponly: true, samesite: "Lax" });
  });

  it("in production over https: the session cookie is also Secure (with the __Secure- prefix), and the API reads it", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://badger.example");
    const result = await signInWithCredentials({ email, password, ip: randomIp() });
    expect(result.response.status).toBe(200);
    const session = result.setCookies.find((cookie) => cookie.name === "__Secure-next-auth.session-token");
    expect(session, JSON.stringify(result.setCookies)).toBeDefined();
    expect(session!.attributes).toMatchObject({ httponly: true, samesite: "Lax", secure: true, path: "/" });
    const csrf = result.csrfCookies.find((cookie) => cookie.name === "__Host-next-auth.csrf-token");
    expect(csrf!.attributes).toMatchObject({ httponly: true, samesite: "Lax", secure: true });
    // the API finds the session under its production name
    const counts = await callRoute({
      route: "/api/messaging/unread-counts",
      method: "GET",
      search: `contact_ids=${account.org.contactIds[0]}`,
      cookie: `${session!.name}=${session!.value}`,
    });
    expect(counts.status).toBe(200);
  });

  it("on Vercel (no NEXTAUTH_URL, https forwarded): Secure as well", async () => {
    vi.stubEnv("NEXTAUTH_URL", "");
    delete process.env.NEXTAUTH_URL;
    vi.stubEnv("VERCEL", "1");
    const result = await signInWithCredentials({
      email,
      password,
      ip: randomIp(),
      extraHeaders: { "x-forwarded-host": "badger-preview.vercel.app", "x-forwarded-proto": "https" },
    });
    const session = result.setCookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    expect(session!.attributes).toMatchObject({ httponly: true, samesite: "Lax", secure: true });
  });

  it("the session token carries ids, never a password or its hash", async () => {
    const result = await signInWithCredentials({ email, password, ip: randomIp() });
    const session = result.setCookies.find((cookie) => cookie.name === "next-auth.session-token")!;
    const token = await decode({ token: session.value, secret: DEV_DEFAULTS.nextAuthSecret });
    expect(token).toMatchObject({ userId: account.user.id, activeOrganizationId: account.org.organizationId });
    const serialized = JSON.stringify(token);
    expect(serialized).not.toContain(password);
    expect(serialized).not.toContain(account.user.passwordHash!);
    expect(serialized).not.toMatch(/password|scrypt/i);
  });
});

// ---------------------------------------------------------------------------
// Security headers (next.config.mjs)
// ---------------------------------------------------------------------------

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

async function loadNextConfig(env: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const url = `${pathToFileURL(path.join(repoRoot, "next.config.mjs")).href}?case=${randomUUID()}`;
  const config = ((await import(/* @vite-ignore */ url)) as { default: { headers(): Promise<HeaderRule[]>; poweredByHeader?: boolean } }).default;
  vi.unstubAllEnvs();
  const rules = await config.headers();
  const catchAll = rules.find((rule) => rule.source === "/:path*");
  const headers = Object.fromEntries((catchAll?.headers ?? []).map((header) => [header.key.toLowerCase(), header.value]));
  const csp = Object.fromEntries(
    (headers["content-security-policy"] ?? "")
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
  return { config, headers, csp };
}

describe("security headers from next.config.mjs", () => {
  it("apply to every path: CSP, nosniff, referrer policy, no framing, no X-Powered-By", async () => {
    const { config, headers, csp } = await loadNextConfig();
    expect(config.poweredByHeader).toBe(false);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    // nothing may load scripts from anywhere
    for (const directive of ["default-src", "script-src"]) {
      expect(csp[directive]).not.toContain("*");
      expect(csp[directive].some((value: string) => /^(https?:|data:|\*\.)/.test(value))).toBe(false);
    }
  });

  it("still allows the Pusher connection: hosted Pusher and the configured local server", async () => {
    const { csp } = await loadNextConfig({ NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1", NEXT_PUBLIC_PUSHER_PORT: "6001" });
    expect(csp["connect-src"]).toEqual(expect.arrayContaining(["'self'", "wss://*.pusher.com", "ws://127.0.0.1:6001"]));
  });

  it("a production build drops 'unsafe-eval' (development needs it for hot reload)", async () => {
    const production = await loadNextConfig({ NODE_ENV: "production" });
    expect(production.csp["script-src"]).not.toContain("'unsafe-eval'");
    expect(production.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});

// ---------------------------------------------------------------------------
// Webhook replay
// ---------------------------------------------------------------------------

describe("webhook replay protection", () => {
  let org: OrgFixture;
  beforeAll(async () => {
    org = await createOrganization(db, { members: { agent: "agent" }, contacts: 1 });
  });

  const now = () => Math.floor(Date.now() / 1000);

  it("a correctly signed delivery older (or newer) than 5 minutes is refused and stores nothing", async () => {
    for (const skew of [-301, -3600, -86_400 * 365, 301, 7200]) {
      const externalId = `replay-${randomUUID()}`;
      const response = await deliverInbound({ contactId: org.contactIds[0], body: "captured", externalId }, { timestamp: now() + skew });
      expect(response.status, `skew ${skew}`).toBe(401);
      expect((await response.json()).error.message).toMatch(/5 minutes/);
      expect(await db.message.count({ where: { externalId } })).toBe(0);
    }
  });

  it("within the window it is accepted; replaying the same delivery inside the window creates nothing new", async () => {
    const externalId = `fresh-${randomUUID()}`;
    const payload = { contactId: org.contactIds[0], body: "fresh", externalId };
    const first = await deliverInbound(payload, { timestamp: now() - 290 });
    expect(first.status).toBe(201);
    const replay = await deliverInbound(payload, { timestamp: now() - 290 });
    expect(replay.status).toBe(200);
    expect((await replay.json()).id).toBe((await first.json()).id);
    expect(await db.message.count({ where: { externalId } })).toBe(1);
  });

  it("the timestamp is part of what is signed: moving a captured delivery's timestamp breaks the signature", async () => {
    const raw = JSON.stringify({ contactId: org.contactIds[0], body: "moved" });
    const { signInboundWebhook } = await import("@/lib/webhooks/inbound-signature");
    const old = now() - 3600;
    const signature = signInboundWebhook(DEV_DEFAULTS.inboundWebhookSecret, old, raw);
    const moved = await deliverInbound(raw, { timestamp: now(), signature });
    expect(moved.status).toBe(401);
  });

  it("a signature of the right length that differs anywhere is refused (no prefix match, no case folding)", async () => {
    const raw = JSON.stringify({ contactId: org.contactIds[0], body: "tamper" });
    const { signInboundWebhook } = await import("@/lib/webhooks/inbound-signature");
    const timestamp = now();
    const good = signInboundWebhook(DEV_DEFAULTS.inboundWebhookSecret, timestamp, raw);
    const flip = (index: number) => `${good.slice(0, index)}${good[index] === "0" ? "1" : "0"}${good.slice(index + 1)}`;
    for (const candidate of [flip(7), flip(40), flip(good.length - 1), good.toUpperCase(), good.slice(0, -1), `${good}0`, `sha1=${good.slice(7)}`]) {
      const response = await deliverInbound(raw, { timestamp, signature: candidate });
      expect(response.status, candidate).toBe(401);
    }
    expect((await deliverInbound(raw, { timestamp, signature: good })).status).toBe(201);
  });
});

// ---------------------------------------------------------------------------
// Login throttling, through the real credentials callback
// ---------------------------------------------------------------------------

describe("login throttling (through /api/auth/callback/credentials)", () => {
  it("per account: after 10 attempts in 15 minutes the 11th is 429 TooManyAttempts, even with the right password, from any address", async () => {
    const password = `pw-${randomUUID()}`;
    const { user } = await userWithPassword(password);
    for (let attempt = 0; attempt < 10; attempt++) {
      const result = await signInWithCredentials({ email: user.email, password: "wrong", ip: randomIp() });
      expect(result.response.status).toBe(401);
      expect(result.error).toBe("CredentialsSignin");
    }
    const throttled = await signInWithCredentials({ email: user.email.toUpperCase(), password, ip: randomIp() });
    expect(throttled.response.status).toBe(429);
    expect(throttled.error).toBe("TooManyAttempts");
    expect(throttled.setCookies.some((cookie) => cookie.name.endsWith("session-token"))).toBe(false);
  }, 60_000);

  it("per address: after 50 attempts from one IP the 51st is 429, whatever the account; other addresses are unaffected", async () => {
    const ip = randomIp();
    for (let attempt = 0; attempt < 50; attempt++) {
      const result = await signInWithCredentials({ email: `nobody-${randomUUID()}@example.test`, password: "guess", ip });
      expect(result.response.status, `attempt ${attempt + 1}`).toBe(401);
    }
    const password = `pw-${randomUUID()}`;
    const { user } = await userWithPassword(password);
    const throttled = await signInWithCredentials({ email: user.email, password, ip });
    expect(throttled.response.status).toBe(429);
    expect(throttled.error).toBe("TooManyAttempts");
    const elsewhere = await signInWithCredentials({ email: user.email, password, ip: randomIp() });
    expect(elsewhere.response.status).toBe(200);
  }, 120_000);

  it("a hostile email (NUL byte, 100 KB) is an ordinary failed sign-in, with no internal error text in the answer", async () => {
    for (const email of ["a\u0000b@example.test", `${"x".repeat(100_000)}@example.test`]) {
      const result = await signInWithCredentials({ email, password: "whatever", ip: randomIp() });
      expect(result.response.status).toBe(401);
      expect(result.error).toBe("CredentialsSignin");
      expect(result.text).not.toMatch(/prisma|query|invocation|byte sequence|index/i);
    }
  });

  it("the limiter stores digests, not email addresses", async () => {
    const email = `digest-${randomUUID()}@example.test`;
    await signInWithCredentials({ email, password: "x", ip: randomIp() });
    const keys = await db.$queryRaw<{ key: string }[]>`SELECT key FROM rate_limit_hit WHERE key LIKE 'login:%' ORDER BY id DESC LIMIT 4`;
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) {
      expect(key).not.toContain("@");
      expect(key.length).toBeLessThan(80);
    }
  });
});

// ---------------------------------------------------------------------------
// Passwords never logged, returned, or put in an error
// ---------------------------------------------------------------------------

describe("passwords never leave the credentials check", () => {
  function captureOutput() {
    const lines: string[] = [];
    const record = (...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
    };
    const spies = [
      vi.spyOn(console, "log").mockImplementation(record),
      vi.spyOn(console, "info").mockImplementation(record),
      vi.spyOn(console, "warn").mockImplementation(record),
      vi.spyOn(console, "error").mockImplementation(record),
      vi.spyOn(console, "debug").mockImplementation(record),
      vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      }),
      vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      }),
    ];
    return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
  }

  function expectNoPassword(password: string, result: Awaited<ReturnType<typeof signInWithCredentials>>, output: string[]) {
    const everything = [
      result.text,
      result.url ?? "",
      JSON.stringify([...result.response.headers.entries()]),
      JSON.stringify(result.setCookies),
      ...output,
    ].join("\n");
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(encodeURIComponent(password));
  }

  it("not on success, a wrong password, a throttled attempt, or a database outage", async () => {
    const password = `Sup3r-secret-${randomUUID()}`;
    const { user } = await userWithPassword(password);
    const capture = captureOutput();
    try {
      const success = await signInWithCredentials({ email: user.email, password, ip: randomIp() });
      expect(success.response.status).toBe(200);
      expectNoPassword(password, success, capture.lines);

      const wrong = await signInWithCredentials({ email: user.email, password: `${password}-nope`, ip: randomIp() });
      expect(wrong.response.status).toBe(401);
      expectNoPassword(`${password}-nope`, wrong, capture.lines);

      for (let attempt = 0; attempt < 10; attempt++) {
        await signInWithCredentials({ email: user.email, password: `${password}-${attempt}`, ip: randomIp() });
      }
      const throttled = await signInWithCredentials({ email: user.email, password, ip: randomIp() });
      expect(throttled.response.status).toBe(429);
      expectNoPassword(password, throttled, capture.lines);

      // the database goes away in the middle of the sign-in
      const unreachable = createPrismaClient("postgresql://postgres:postgres@127.0.0.1:1/postgres?sslmode=disable");
      const csrfFirst = await callNextAuth("csrf");
      expect(csrfFirst.status).toBe(200);
      setPrismaForProcess(unreachable);
      let outage: Awaited<ReturnType<typeof signInWithCredentials>>;
      try {
        outage = await signInWithCredentials({ email: `other-${randomUUID()}@example.test`, password, ip: randomIp() });
      } finally {
        setPrismaForProcess(db);
        await unreachable.$disconnect();
      }
      expect(outage.response.status).toBe(503);
      expect(outage.error).toBe("ServiceUnavailable");
      expect(outage.text).not.toMatch(/prisma|reach database|127\.0\.0\.1:1/i);
      expectNoPassword(password, outage, capture.lines);
    } finally {
      capture.restore();
    }
    expect(capture.lines.join("\n")).not.toContain(password);
  }, 60_000);

  it("the stored hash is scrypt with a salt, never the password", async () => {
    const password = `plain-${randomUUID()}`;
    const { user } = await userWithPassword(password);
    expect(user.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(user.passwordHash).not.toContain(password);
    const again = await hashPassword(password);
    expect(again).not.toBe(user.passwordHash); // salted
  });
});
