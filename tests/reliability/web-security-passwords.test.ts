// A password never shows up in a log line, a response, a cookie or an error,
// and is stored only as a salted scrypt hash.
import "./support/async-local-storage";
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { createPrismaClient, setPrismaForProcess } from "@/lib/db/prisma";
import { getTestPrisma } from "../support/test-database";
import { callNextAuth, signInWithCredentials } from "./support/next-auth-route";
import { randomIp, userWithPassword } from "./support/password-user";
import { withRealtimeServer } from "./support/realtime-server";

const db = getTestPrisma();
withRealtimeServer();

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
