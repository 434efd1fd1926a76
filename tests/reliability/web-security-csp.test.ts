// Issue 13, item 6: the Content-Security-Policy that proxy.ts sets on every
// response names only the realtime server the process is configured for. It
// used to allow ws://127.0.0.1:* and ws://localhost:* in production too.
import { NextRequest } from "next/server";
import { contentSecurityPolicy, realtimeConnectSources } from "@/lib/security/content-security-policy";
import { proxy } from "@/proxy";

const parse = (policy: string) =>
  Object.fromEntries(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  ) as Record<string, string[]>;

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("Content-Security-Policy", () => {
  it("production with hosted Pusher allows exactly its cluster's WebSocket host", () => {
    const csp = parse(contentSecurityPolicy(env({ PUSHER_CLUSTER: "eu", PUSHER_KEY: "k" }), false));
    expect(csp["connect-src"]).toEqual(["'self'", "wss://ws-eu.pusher.com"]);
  });

  it("production with a self-hosted server allows that host and port only, over the configured scheme", () => {
    const soketi = env({ PUSHER_HOST: "realtime.example.com", PUSHER_PORT: "443", PUSHER_USE_TLS: "true" });
    expect(realtimeConnectSources(soketi, false)).toEqual(["wss://realtime.example.com:443"]);
    const local = env({ NEXT_PUBLIC_PUSHER_HOST: "127.0.0.1", NEXT_PUBLIC_PUSHER_PORT: "6123" });
    expect(parse(contentSecurityPolicy(local, false))["connect-src"]).toEqual(["'self'", "ws://127.0.0.1:6123"]);
  });

  it("production never allows any-port localhost WebSockets", () => {
    for (const configured of [env({ PUSHER_CLUSTER: "us2" }), env({ PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001" })]) {
      const policy = contentSecurityPolicy(configured, false);
      expect(policy).not.toContain("ws://127.0.0.1:*");
      expect(policy).not.toContain("ws://localhost:*");
      expect(policy).not.toContain("*.pusher.com");
    }
  });

  it("development keeps the local wildcards (hot reload, the local server on any port) and eval", () => {
    const csp = parse(contentSecurityPolicy(env({}), true));
    expect(csp["connect-src"]).toEqual(expect.arrayContaining(["'self'", "ws://127.0.0.1:*", "ws://localhost:*"]));
    expect(csp["script-src"]).toContain("'unsafe-eval'");
    expect(parse(contentSecurityPolicy(env({}), false))["script-src"]).not.toContain("'unsafe-eval'");
  });

  it("keeps the strict directives: no framing, no plugins, no foreign scripts or base", () => {
    const csp = parse(contentSecurityPolicy(env({ PUSHER_CLUSTER: "eu" }), false));
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    for (const directive of ["default-src", "script-src"]) {
      expect(csp[directive]).not.toContain("*");
      expect(csp[directive].some((value) => /^(https?:|data:|\*\.)/.test(value))).toBe(false);
    }
  });

  it("proxy.ts sets it on pages and API answers, from the environment at request time", async () => {
    vi.stubEnv("NEXT_PUBLIC_PUSHER_HOST", "127.0.0.1");
    vi.stubEnv("NEXT_PUBLIC_PUSHER_PORT", "6555");
    try {
      for (const path of ["/login", "/inbox", "/api/messaging/contacts"]) {
        const response = proxy(new NextRequest(`http://localhost:3000${path}`));
        expect(parse(response.headers.get("content-security-policy") ?? "")["connect-src"]).toContain("ws://127.0.0.1:6555");
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
