// Local Pusher Channels server for development: `tsx scripts/pusher-server.ts`.
// Point the `pusher` SDK (host/port, useTLS: false) and pusher-js
// (wsHost/wsPort, forceTLS: false) at it with the same app id, key and secret.
import { startLocalPusherServer } from "../dev/local-pusher-server/create-local-pusher-server.js";

const DEFAULTS = {
  appId: "badger-local",
  key: "badger-key",
  secret: "badger-local-secret",
  port: 6001,
};

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return DEFAULTS.port;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PUSHER_PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const env = process.env;
  const secret = env.PUSHER_SECRET || DEFAULTS.secret;
  // The default secret is public (it is in this file); refuse to pretend a
  // production deployment is protected by it.
  if (env.NODE_ENV === "production" && secret === DEFAULTS.secret) {
    throw new Error("Refusing to run with the default PUSHER_SECRET when NODE_ENV=production");
  }

  const appId = env.PUSHER_APP_ID || DEFAULTS.appId;
  const key = env.PUSHER_KEY || DEFAULTS.key;
  const server = await startLocalPusherServer({
    appId,
    key,
    secret,
    port: readPort(env.PUSHER_PORT),
    log: env.PUSHER_SERVER_DEBUG ? (message) => console.error(`[pusher] ${message}`) : undefined,
  });
  console.log(
    `Local Pusher server listening on ${server.url} (app id "${appId}", key "${key}", WebSocket path /app/${key})`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now", even if a client is slow to close.
      process.exit(1);
    }
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Failed to stop cleanly after ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
