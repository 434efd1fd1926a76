// The browser's inbox logic without React or a DOM: the same controller,
// count ledger and realtime handlers over a real pusher-js connection. The
// fan-out storm test and `npm run bench` run many of these as simulated
// online members, so they measure exactly what a browser tab does.
import "client-only";
import type { ChannelAuthorizationHandler } from "pusher-js";
import { createBadgerApi } from "@/lib/client/badger-api";
import { createInboxController, type InboxController } from "@/lib/inbox/inbox-controller";
import { bindInboxRealtime } from "@/lib/inbox/realtime-handlers";
import { createSourceSlot } from "@/lib/inbox/realtime-source";
import { createPusherRealtimeSource, PUSHER_AUTH_ENDPOINT } from "@/lib/realtime/browser-client";
import { organizationChannel, userChannel } from "@/lib/realtime/channels";
import type { PusherClientConfig } from "@/lib/realtime/public-config";

export type HeadlessInbox = {
  controller: InboxController;
  socketId: () => string | null;
  stop(): void;
};

const silent = { message: () => {}, error: () => {}, dismiss: () => {} };

/** Channel authorization through the app's own endpoint, with `fetch` (which carries the session). */
export function authorizeThrough(fetch: typeof globalThis.fetch, baseUrl = ""): ChannelAuthorizationHandler {
  return (params, callback) => {
    const body = new URLSearchParams({ socket_id: params.socketId, channel_name: params.channelName });
    fetch(`${baseUrl}${PUSHER_AUTH_ENDPOINT}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    })
      .then(async (response) =>
        response.ok ? callback(null, await response.json()) : callback(new Error(`auth refused: ${response.status}`), null),
      )
      .catch((error: Error) => callback(error, null));
  };
}

/** Loads the first page like the server render does, connects, and resolves once both channels are subscribed. */
export async function startHeadlessInbox(options: {
  fetch: typeof globalThis.fetch;
  baseUrl?: string;
  pusher: PusherClientConfig;
  organizationId: string;
  userId: string;
  gapWaitMs?: number;
}): Promise<HeadlessInbox> {
  const slot = createSourceSlot();
  const api = createBadgerApi({ fetch: options.fetch, baseUrl: options.baseUrl, socketId: slot.socketId });
  const page = await api.contacts({ limit: 100 });
  const controller = createInboxController({
    api,
    contacts: page.contacts,
    nextCursor: page.nextCursor,
    notify: silent,
    isVisible: () => true,
    gapWaitMs: options.gapWaitMs,
  });
  const source = createPusherRealtimeSource(options.pusher, { authorize: authorizeThrough(options.fetch, options.baseUrl) });
  slot.set(source);
  const channels = [organizationChannel(options.organizationId), userChannel(options.userId)];
  const subscribed = Promise.all(channels.map((channel) => new Promise<void>((resolve) => source.onSubscribed(channel, resolve))));
  const unbind = bindInboxRealtime(source, controller, options);
  await subscribed;
  return {
    controller,
    socketId: () => source.socketId(),
    stop() {
      unbind();
      source.disconnect();
      controller.dispose();
    },
  };
}
