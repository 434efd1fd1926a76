// LOG_LEVEL is read once, at start: a valid one is used, anything else falls
// back to the default instead of crashing the server at its first line.
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function loggerWith(level: string | undefined) {
  vi.resetModules();
  vi.stubEnv("LOG_LEVEL", level);
  const { log } = await import("@/lib/observability/logger");
  return log();
}

describe("LOG_LEVEL", () => {
  it("uses a valid level, in any case", async () => {
    expect((await loggerWith("debug")).level).toBe("debug");
    expect((await loggerWith(" ERROR ")).level).toBe("error");
  });

  it("falls back to the default (warn in tests) for an unknown or empty value", async () => {
    expect((await loggerWith("nonsense")).level).toBe("warn");
    expect((await loggerWith("")).level).toBe("warn");
    expect((await loggerWith(undefined)).level).toBe("warn");
  });
});
