// Shared constants and limits of the Pusher Channels protocol (version 7) that
// both the WebSocket side and the HTTP events API must agree on.

export const PROTOCOL_VERSION = "7";

/** Seconds of client silence before the server sends `pusher:ping`. */
export const DEFAULT_ACTIVITY_TIMEOUT_SECONDS = 120;

/** Seconds the server waits for any traffic after pinging before giving up. */
export const MAX_PONG_TIMEOUT_SECONDS = 30;

// Codes follow https://pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol/#error-codes
// because pusher-js decides whether to reconnect from the numeric range:
// 4000-4099 never reconnect, 4100-4199 back off, 4200-4299 reconnect at once.
export const ErrorCode = {
  AppDoesNotExist: 4001,
  UnsupportedProtocol: 4007,
  NoProtocolVersion: 4008,
  Unauthorized: 4009,
  GenericReconnect: 4200,
  PongNotReceived: 4201,
  ClientEventRejected: 4301,
} as const;

/** Same character set the `pusher` server SDK validates before publishing. */
const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9_\-=@,.;]+$/;

// The SDK allows 200 characters; accepting exactly what it accepts keeps the
// local server from rejecting requests the SDK already considered valid.
export const MAX_CHANNEL_NAME_LENGTH = 200;
export const MAX_EVENT_NAME_LENGTH = 200;

/** Real Pusher rejects event payloads above 10 KB. */
export const MAX_EVENT_DATA_BYTES = 10 * 1024;
export const MAX_CHANNELS_PER_EVENT = 100;
export const MAX_EVENTS_PER_BATCH = 10;

const SOCKET_ID_PATTERN = /^\d+\.\d+$/;

export function isValidChannelName(name: unknown): name is string {
  return (
    typeof name === "string" &&
    name.length <= MAX_CHANNEL_NAME_LENGTH &&
    CHANNEL_NAME_PATTERN.test(name)
  );
}

export function isValidSocketId(socketId: unknown): socketId is string {
  return typeof socketId === "string" && SOCKET_ID_PATTERN.test(socketId);
}

export type ChannelKind = "public" | "private" | "presence";

export function channelKind(name: string): ChannelKind {
  if (name.startsWith("presence-")) return "presence";
  // private-encrypted-* is authorised exactly like private-*; the payload is
  // end-to-end encrypted by the SDKs, so the server only relays ciphertext.
  if (name.startsWith("private-")) return "private";
  return "public";
}

/**
 * Frame sent to clients. `data` is a string for channel/connection events
 * (the protocol double-encodes them) and an object for `pusher:error` and
 * `pusher:subscription_error`, matching what the hosted service sends.
 */
export interface OutgoingFrame {
  event: string;
  channel?: string;
  data: string | Record<string, unknown>;
}

export function encodeFrame(frame: OutgoingFrame): string {
  return JSON.stringify(frame);
}

export function errorFrame(code: number, message: string): OutgoingFrame {
  return { event: "pusher:error", data: { code, message } };
}
