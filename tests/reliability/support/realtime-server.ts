import type { LocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";
import { startRealtime } from "../../support/realtime";

/**
 * A local Pusher-protocol server for the whole test file: the routes publish
 * after every write, and those events must reach a real server (never the
 * network) for the file to exercise the production code path.
 */
export function withRealtimeServer() {
  let server: LocalPusherServer;
  beforeAll(async () => {
    server = await startRealtime();
  });
  afterAll(async () => {
    await server.close();
  });
}
