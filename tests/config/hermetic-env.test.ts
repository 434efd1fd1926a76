// Issue 13, item 7: the suite runs on what it sets itself, whatever the caller
// exported or .env holds. CI runs this file (and a webhook suite) with a
// hostile environment and a hostile .env; see .ci/run.
import { DEV_DEFAULTS, resetServerConfigForTests, serverConfig } from "@/lib/config/server-config";
import { publicPusherConfig } from "@/lib/realtime/public-config";
import { CONFIG_KEYS } from "../../scripts/lib/hermetic-env";

describe("hermetic test environment", () => {
  it("no configuration variable leaks in from the caller", () => {
    const leaked = CONFIG_KEYS.filter((key) => !["DATABASE_URL", "NEXTAUTH_URL"].includes(key) && process.env[key] !== undefined);
    expect(leaked).toEqual([]);
    expect(process.env.NEXTAUTH_URL).toBe("http://localhost:3000");
  });

  it("the app's configuration is the built-in development one, on this run's database", () => {
    resetServerConfigForTests();
    const config = serverConfig();
    expect(config.nextAuthSecret).toBe(DEV_DEFAULTS.nextAuthSecret);
    expect(config.pusher).toMatchObject({ host: DEV_DEFAULTS.pusherHost, port: DEV_DEFAULTS.pusherPort, cluster: undefined });
    expect(new URL(config.databaseUrl).hostname).toBe("127.0.0.1");
    expect(publicPusherConfig().wsHost).toBe(DEV_DEFAULTS.pusherHost);
  });
});
