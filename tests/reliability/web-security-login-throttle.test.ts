// Login attempts are throttled per account and per address (429), through the
// real NextAuth credentials callback.
import "./support/async-local-storage";
import { randomUUID } from "node:crypto";
import { getTestPrisma } from "../support/test-database";
import { signInWithCredentials } from "./support/next-auth-route";
import { randomIp, userWithPassword } from "./support/password-user";
import { withRealtimeServer } from "./support/realtime-server";

const db = getTestPrisma();
withRealtimeServer();

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
