import { WebSocket, type RawData } from "ws";

import {
  ErrorCode,
  MAX_PONG_TIMEOUT_SECONDS,
  type OutgoingFrame,
  encodeFrame,
  errorFrame,
} from "./protocol.js";

export interface IncomingFrame {
  event: string;
  data: unknown;
}

export interface ClientConnectionOptions {
  socketId: string;
  activityTimeoutSeconds: number;
  onFrame: (connection: ClientConnection, frame: IncomingFrame) => void;
  onClose: (connection: ClientConnection) => void;
  log: (message: string) => void;
}

/**
 * One accepted WebSocket: owns framing, the activity/ping timer and the set
 * of channels it is subscribed to. Routing decisions live in the hub.
 */
export class ClientConnection {
  readonly socketId: string;
  readonly channels = new Set<string>();
  private readonly options: ClientConnectionOptions;
  private activityTimer: NodeJS.Timeout | undefined;
  private awaitingPong = false;
  private readonly closed: Promise<void>;

  constructor(
    private readonly socket: WebSocket,
    options: ClientConnectionOptions,
  ) {
    this.socketId = options.socketId;
    this.options = options;
    this.closed = new Promise((resolve) => {
      socket.once("close", () => {
        this.stopActivityTimer();
        options.onClose(this);
        resolve();
      });
    });
    // Without an error listener a single broken socket would crash the
    // process; the close event that follows does the cleanup.
    socket.on("error", (error) => {
      options.log(`socket ${this.socketId} error: ${error.message}`);
    });
    socket.on("message", (raw, isBinary) => this.receive(raw, isBinary));
    this.startActivityTimer();
  }

  send(frame: OutgoingFrame): void {
    this.sendRaw(encodeFrame(frame));
  }

  /** For fan-out, where one pre-encoded frame goes to many sockets. */
  sendRaw(payload: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(payload);
  }

  sendError(code: number, message: string): void {
    this.send(errorFrame(code, message));
  }

  /** Closes the socket; resolves once it is gone (forcibly after graceMs). */
  close(code: number, reason: string, graceMs = 1000): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return this.closed;
    this.socket.close(code, reason);
    const force = setTimeout(() => this.socket.terminate(), graceMs);
    force.unref();
    return this.closed.finally(() => clearTimeout(force));
  }

  private receive(raw: RawData, isBinary: boolean): void {
    this.noteActivity();
    const frame = isBinary ? null : parseFrame(raw);
    if (!frame) {
      // Keep the connection: one bad frame from a buggy client should not
      // force pusher-js into a reconnect loop.
      this.sendError(ErrorCode.GenericReconnect, "Malformed message ignored");
      return;
    }
    try {
      this.options.onFrame(this, frame);
    } catch (error) {
      this.options.log(
        `socket ${this.socketId} frame "${frame.event}" failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
      this.sendError(ErrorCode.GenericReconnect, "Internal error");
    }
  }

  private noteActivity(): void {
    this.awaitingPong = false;
    this.startActivityTimer();
  }

  private startActivityTimer(): void {
    this.stopActivityTimer();
    const seconds = this.awaitingPong
      ? Math.min(MAX_PONG_TIMEOUT_SECONDS, this.options.activityTimeoutSeconds)
      : this.options.activityTimeoutSeconds;
    this.activityTimer = setTimeout(() => this.onInactive(), seconds * 1000);
    this.activityTimer.unref();
  }

  private stopActivityTimer(): void {
    if (this.activityTimer) clearTimeout(this.activityTimer);
    this.activityTimer = undefined;
  }

  private onInactive(): void {
    if (this.awaitingPong) {
      // Same as the hosted service: a peer that ignores pings is presumed
      // dead, and 4201 tells pusher-js to reconnect immediately.
      void this.close(ErrorCode.PongNotReceived, "Pong reply not received");
      return;
    }
    this.awaitingPong = true;
    this.send({ event: "pusher:ping", data: {} });
    this.startActivityTimer();
  }
}

function parseFrame(raw: RawData): IncomingFrame | null {
  const bytes = Array.isArray(raw)
    ? Buffer.concat(raw)
    : Buffer.isBuffer(raw)
      ? raw
      : Buffer.from(new Uint8Array(raw));
  const text = bytes.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { event, data } = parsed as { event?: unknown; data?: unknown };
  if (typeof event !== "string" || event.length === 0) return null;
  return { event, data: decodeData(data) };
}

/** pusher-js sends objects, but the protocol allows JSON-encoded strings too. */
function decodeData(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
