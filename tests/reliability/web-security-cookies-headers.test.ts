// What the browser is told to enforce: the session cookie next-auth actually
// sets through the app's own credentials callback (HttpOnly, SameSite=Lax,
// Secure on https), and the security headers of next.config.mjs (the
// Content-Security-Policy is per request: web-security-csp.test.ts).
import "./support/async-local-storage";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { decode } from "next-auth/jwt";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { callRoute } from "./support/call-route";
import { signInWithCredentials } from "./support/next-auth-route";
import { randomIp, userWithPassword } from "./support/password-user";
import { withRealtimeServer } from "./support/realtime-server";

withRealtimeServer();
const repoRoot = path.resolve(import.meta.dirname, "..", "..");

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
  return { config, headers };
}

describe("security headers from next.config.mjs", () => {
  it("apply to every path: nosniff, referrer policy, no framing, no X-Powered-By", async () => {
    const { config, headers } = await loadNextConfig();
    expect(config.poweredByHeader).toBe(false);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(headers["x-frame-options"]).toBe("DENY");
  });
});
