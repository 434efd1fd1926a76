// Production refuses to start with missing or development-default secrets
// (lib/config/server-config.ts, enforced at server start by instrumentation.ts).
import { randomBytes } from "node:crypto";
import { refuseUnsafeProductionConfig } from "@/lib/config/startup-check";
import {
  DEV_DEFAULTS,
  assertProductionConfig,
  productionConfigProblems,
  resetServerConfigForTests,
  serverConfig,
} from "@/lib/config/server-config";

const strong = () => randomBytes(32).toString("base64url");
const goodEnv = () =>
  ({
    NODE_ENV: "production",
    DATABASE_URL: "postgresql://badger@db.internal:5432/badger",
    NEXTAUTH_SECRET: strong(),
    INBOUND_WEBHOOK_SECRET: strong(),
    PUSHER_SECRET: strong(),
  }) as NodeJS.ProcessEnv;

describe("production configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    resetServerConfigForTests();
  });

  it("accepts real secrets", () => {
    expect(productionConfigProblems(goodEnv())).toEqual([]);
    expect(() => assertProductionConfig(goodEnv())).not.toThrow();
  });

  it("names every missing secret", () => {
    const problems = productionConfigProblems({ NODE_ENV: "production" } as NodeJS.ProcessEnv);
    expect(problems).toEqual([
      "DATABASE_URL is not set.",
      "NEXTAUTH_SECRET is not set.",
      "INBOUND_WEBHOOK_SECRET is missing or the development default.",
      "PUSHER_SECRET is missing or the development default.",
    ]);
  });

  it.each([
    ["NEXTAUTH_SECRET", DEV_DEFAULTS.nextAuthSecret, "NEXTAUTH_SECRET is the development default."],
    ["NEXTAUTH_SECRET", "short", "NEXTAUTH_SECRET must be at least 32 characters."],
    // blank is read as unset, so the development default would be used
    ["NEXTAUTH_SECRET", "   ", "NEXTAUTH_SECRET is the development default."],
    ["INBOUND_WEBHOOK_SECRET", DEV_DEFAULTS.inboundWebhookSecret, "INBOUND_WEBHOOK_SECRET is missing or the development default."],
    ["PUSHER_SECRET", DEV_DEFAULTS.pusherSecret, "PUSHER_SECRET is missing or the development default."],
    ["DATABASE_URL", "", "DATABASE_URL is not set."],
  ])("refuses %s=%j", (name, value, problem) => {
    const env = { ...goodEnv(), [name]: value };
    expect(productionConfigProblems(env)).toContain(problem);
    expect(() => assertProductionConfig(env)).toThrow(/refuses to start in production/);
  });

  it("only production is checked: development and tests run on the built-in values", () => {
    expect(() => assertProductionConfig({ NODE_ENV: "development" } as NodeJS.ProcessEnv)).not.toThrow();
    expect(() => assertProductionConfig({ NODE_ENV: "test" } as NodeJS.ProcessEnv)).not.toThrow();
  });

  it("the server's own config refuses the development defaults under NODE_ENV=production", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("INBOUND_WEBHOOK_SECRET", "");
    vi.stubEnv("PUSHER_SECRET", "");
    resetServerConfigForTests();
    expect(() => serverConfig()).toThrow(/NEXTAUTH_SECRET is not set/);
  });

  it("at server start the process exits with the list of problems, before serving anything", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_SECRET", DEV_DEFAULTS.nextAuthSecret);
    const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => refuseUnsafeProductionConfig()).toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls.flat().join("\n")).toMatch(/NEXTAUTH_SECRET is the development default/);
  });
});
