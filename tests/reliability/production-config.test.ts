// Production refuses to start with missing or development-default secrets
// (lib/config/server-config.ts, enforced at server start by instrumentation.ts).
import { captureLogOutput } from "../support/capture-log";
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
    PUSHER_APP_ID: "123456",
    PUSHER_KEY: "0123456789abcdef0123",
    PUSHER_SECRET: strong(),
    PUSHER_CLUSTER: "eu",
  }) as NodeJS.ProcessEnv;

describe("production configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    resetServerConfigForTests();
  });

  it("accepts real secrets, with hosted Pusher (cluster) or a compatible server (host)", () => {
    expect(productionConfigProblems(goodEnv())).toEqual([]);
    expect(() => assertProductionConfig(goodEnv())).not.toThrow();
    const soketi = { ...goodEnv(), PUSHER_CLUSTER: "", PUSHER_HOST: "realtime.internal", PUSHER_PORT: "443" };
    expect(productionConfigProblems(soketi)).toEqual([]);
  });

  it("names everything missing, and no global webhook secret is among it", () => {
    const problems = productionConfigProblems({ NODE_ENV: "production" } as NodeJS.ProcessEnv);
    expect(problems).toEqual([
      "DATABASE_URL is not set.",
      "NEXTAUTH_SECRET is not set.",
      "PUSHER_SECRET is not set.",
      "Realtime is not configured: set PUSHER_CLUSTER (hosted Pusher) or PUSHER_HOST (a compatible server such as soketi).",
      "PUSHER_APP_ID and PUSHER_KEY must be set.",
    ]);
    expect(productionConfigProblems({ ...goodEnv(), INBOUND_WEBHOOK_SECRET: "" })).toEqual([]);
  });

  it("refuses realtime with neither PUSHER_CLUSTER nor PUSHER_HOST instead of falling back to 127.0.0.1:6001", () => {
    const env = { ...goodEnv(), PUSHER_CLUSTER: "", PUSHER_HOST: "" };
    expect(productionConfigProblems(env)).toEqual([expect.stringMatching(/^Realtime is not configured/)]);
    expect(() => assertProductionConfig(env)).toThrow(/refuses to start in production/);
  });

  it.each([
    ["NEXTAUTH_SECRET", DEV_DEFAULTS.nextAuthSecret, "NEXTAUTH_SECRET is the development default."],
    ["NEXTAUTH_SECRET", "short", "NEXTAUTH_SECRET must be at least 32 characters."],
    ["NEXTAUTH_SECRET", "x".repeat(31), "NEXTAUTH_SECRET must be at least 32 characters."],
    // blank is read as unset
    ["NEXTAUTH_SECRET", "   ", "NEXTAUTH_SECRET is not set."],
    ["PUSHER_SECRET", DEV_DEFAULTS.pusherSecret, "PUSHER_SECRET is the development default."],
    ["PUSHER_SECRET", "x".repeat(31), "PUSHER_SECRET must be at least 32 characters."],
    ["PUSHER_KEY", "", "PUSHER_APP_ID and PUSHER_KEY must be set."],
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
    const output = captureLogOutput();
    expect(() => refuseUnsafeProductionConfig()).toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(output.text()).toMatch(/NEXTAUTH_SECRET is the development default/);
  });
});
