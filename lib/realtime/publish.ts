import "#server-only";
import { serverConfig } from "@/lib/config/server-config";
import { log } from "@/lib/observability/logger";
import { getPusher } from "@/lib/realtime/pusher-server";
import type { DomainEvent } from "@/lib/messaging/events";

const SOCKET_ID = /^\d+\.\d+$/;

/**
 * Realtime is best effort: it is called after the database commit, and an
 * outage or a slow server never fails the request that caused the event.
 * Clients recover anything they missed by resyncing.
 */
async function trigger(channel: string, event: string, data: unknown, excludeSocketId?: string | null) {
  const socketId = excludeSocketId && SOCKET_ID.test(excludeSocketId) ? excludeSocketId : undefined;
  const timeoutMs = serverConfig().pusher.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getPusher().trigger(channel, event, data, socketId ? { socket_id: socketId } : undefined),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The request still succeeds; the clients heal at their next resync.
    log().warn({ event, channel, reason }, `[realtime] ${event} not delivered`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Publishes a write's events, after its transaction committed. `callerSocketId`
 * (the X-Socket-Id of the tab that made the change) is left out of the events
 * marked `skipCaller`.
 */
export async function publishEvents(events: DomainEvent[], callerSocketId?: string | null) {
  await Promise.all(events.map((event) => trigger(event.channel, event.name, event.payload, event.skipCaller ? callerSocketId : undefined)));
}
