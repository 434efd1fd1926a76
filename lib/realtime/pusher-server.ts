import "#server-only";
import Pusher from "pusher";
import { serverConfig } from "@/lib/config/server-config";

const globalForPusher = globalThis as unknown as { badgerPusher?: Pusher };

/** The server SDK, pointed at hosted Pusher or at the local Pusher-protocol server. */
export function getPusher(): Pusher {
  if (!globalForPusher.badgerPusher) {
    const { pusher } = serverConfig();
    const common = {
      appId: pusher.appId,
      key: pusher.key,
      secret: pusher.secret,
      useTLS: pusher.useTLS,
      timeout: pusher.timeoutMs,
    };
    globalForPusher.badgerPusher = pusher.host
      ? new Pusher({ ...common, host: pusher.host, port: String(pusher.port) })
      : new Pusher({ ...common, cluster: pusher.cluster ?? "mt1" });
  }
  return globalForPusher.badgerPusher;
}

export function resetPusherForTests() {
  globalForPusher.badgerPusher = undefined;
}
