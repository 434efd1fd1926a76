import { randomInt } from "node:crypto";

import type { WebSocket } from "ws";

import { ClientConnection, type IncomingFrame } from "./client-connection.js";
import { DeliveryFaults } from "./delivery-faults.js";
import type { Delivery } from "./event-validation.js";
import {
  ErrorCode,
  PROTOCOL_VERSION,
  channelKind,
  encodeFrame,
  errorFrame,
  isValidChannelName,
} from "./protocol.js";
import { verifyChannelAuth } from "./signing.js";

export interface WebSocketHubOptions {
  key: string;
  secret: string;
  activityTimeoutSeconds: number;
  log: (message: string) => void;
}

export interface ConnectionRequest {
  /** The `{key}` segment of `/app/{key}`. */
  key: string | null;
  /** The `protocol` query parameter, or null when absent. */
  protocol: string | null;
}

/** Tracks live connections and channel subscriptions, and fans events out. */
export class WebSocketHub {
  private readonly connections = new Map<string, ClientConnection>();
  private readonly subscribers = new Map<string, Set<ClientConnection>>();
  // A random prefix keeps ids unique across server restarts, so a publisher
  // still holding a pre-restart socket_id for exclusion cannot accidentally
  // exclude an unrelated new connection.
  private readonly socketIdPrefix = randomInt(1, 2 ** 31 - 1);
  private socketIdCounter = 0;
  /** Drop or reorder chosen events for one connection (tests only, through the e2e control port). */
  readonly faults = new DeliveryFaults();

  constructor(private readonly options: WebSocketHubOptions) {}

  accept(socket: WebSocket, request: ConnectionRequest): void {
    const refusal = this.refusalFor(request);
    if (refusal) {
      socket.on("error", () => {});
      // Like the hosted service, report the reason both as a frame and as the
      // close code: the pusher-js handshake acts on whichever arrives first,
      // and plain WebSocket clients only see the close code.
      socket.send(encodeFrame(errorFrame(refusal.code, refusal.message)));
      socket.close(refusal.code, refusal.message);
      // Refused sockets are not tracked, so make sure a peer that never
      // completes the closing handshake cannot linger.
      setTimeout(() => socket.terminate(), 1000).unref();
      return;
    }

    const socketId = `${this.socketIdPrefix}.${++this.socketIdCounter}`;
    const connection = new ClientConnection(socket, {
      socketId,
      activityTimeoutSeconds: this.options.activityTimeoutSeconds,
      onFrame: (conn, frame) => this.handleFrame(conn, frame),
      onClose: (conn) => this.forget(conn),
      log: this.options.log,
    });
    this.connections.set(socketId, connection);
    connection.send({
      event: "pusher:connection_established",
      data: JSON.stringify({
        socket_id: socketId,
        activity_timeout: this.options.activityTimeoutSeconds,
      }),
    });
  }

  /** Sends one event to every subscriber of its channel; returns the count. */
  publish(delivery: Delivery): number {
    const subscribers = this.subscribers.get(delivery.channel);
    if (!subscribers) return 0;
    const payload = encodeFrame({
      event: delivery.name,
      channel: delivery.channel,
      data: delivery.data,
    });
    let sent = 0;
    for (const connection of subscribers) {
      if (connection.socketId === delivery.excludeSocketId) continue;
      this.faults.deliver(connection.socketId, delivery.name, payload, (raw) => connection.sendRaw(raw));
      sent += 1;
    }
    return sent;
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /** Live connections, oldest first, with their channels: how a test finds the one to fault. */
  describeConnections(): { socketId: string; channels: string[] }[] {
    return [...this.connections.values()].map((conn) => ({ socketId: conn.socketId, channels: [...conn.channels] }));
  }

  async closeAll(code: number, reason: string): Promise<void> {
    await Promise.all(
      [...this.connections.values()].map((conn) => conn.close(code, reason)),
    );
  }

  private refusalFor(
    request: ConnectionRequest,
  ): { code: number; message: string } | null {
    if (request.key !== this.options.key) {
      return {
        code: ErrorCode.AppDoesNotExist,
        message: `Application key ${request.key ?? ""} does not exist`,
      };
    }
    if (request.protocol === null) {
      return {
        code: ErrorCode.NoProtocolVersion,
        message: "No protocol version supplied",
      };
    }
    if (request.protocol !== PROTOCOL_VERSION) {
      return {
        code: ErrorCode.UnsupportedProtocol,
        message: `Unsupported protocol version ${request.protocol}; only ${PROTOCOL_VERSION} is supported`,
      };
    }
    return null;
  }

  private handleFrame(connection: ClientConnection, frame: IncomingFrame) {
    switch (frame.event) {
      case "pusher:ping":
        connection.send({ event: "pusher:pong", data: {} });
        return;
      case "pusher:pong":
        return; // Activity was already recorded by the connection.
      case "pusher:subscribe":
        this.subscribe(connection, frame.data);
        return;
      case "pusher:unsubscribe":
        this.unsubscribe(connection, frame.data);
        return;
    }
    if (frame.event.startsWith("client-")) {
      // Client events would need per-channel authorisation and rate limits
      // that the app does not use; reject loudly so a caller relying on them
      // notices in development instead of silently losing messages.
      connection.sendError(
        ErrorCode.ClientEventRejected,
        "Client events are not supported by the local Pusher server",
      );
      return;
    }
    connection.sendError(
      ErrorCode.GenericReconnect,
      `Unsupported event: ${frame.event}`,
    );
  }

  private subscribe(connection: ClientConnection, data: unknown): void {
    const { channel, auth } = (data ?? {}) as {
      channel?: unknown;
      auth?: unknown;
    };
    if (typeof channel !== "string") {
      connection.sendError(
        ErrorCode.GenericReconnect,
        "pusher:subscribe requires a channel",
      );
      return;
    }

    const rejection = this.subscriptionRejection(connection, channel, auth);
    if (rejection) {
      // pusher-js only emits `pusher:subscription_error` on a Channel when a
      // frame addressed to that channel carries that exact event name; a
      // bare pusher:error is merely logged at connection level.
      connection.send({
        event: "pusher:subscription_error",
        channel,
        data: rejection,
      });
      return;
    }

    let subscribers = this.subscribers.get(channel);
    if (!subscribers) {
      subscribers = new Set();
      this.subscribers.set(channel, subscribers);
    }
    subscribers.add(connection);
    connection.channels.add(channel);
    connection.send({
      event: "pusher_internal:subscription_succeeded",
      channel,
      data: "{}",
    });
  }

  private subscriptionRejection(
    connection: ClientConnection,
    channel: string,
    auth: unknown,
  ): { type: string; error: string; status: number } | null {
    if (!isValidChannelName(channel)) {
      return { type: "InvalidChannel", error: "Invalid channel name", status: 400 };
    }
    const kind = channelKind(channel);
    if (kind === "presence") {
      return {
        type: "UnsupportedChannel",
        error: "Presence channels are not supported by the local Pusher server",
        status: ErrorCode.Unauthorized,
      };
    }
    if (kind === "private") {
      const valid = verifyChannelAuth({
        key: this.options.key,
        secret: this.options.secret,
        socketId: connection.socketId,
        channel,
        auth,
      });
      if (!valid) {
        this.options.log(`socket ${connection.socketId}: bad auth for ${channel}`);
        return {
          type: "AuthError",
          error: `Invalid signature for ${channel}`,
          status: 401,
        };
      }
    }
    return null;
  }

  private unsubscribe(connection: ClientConnection, data: unknown): void {
    const { channel } = (data ?? {}) as { channel?: unknown };
    if (typeof channel !== "string") return;
    connection.channels.delete(channel);
    const subscribers = this.subscribers.get(channel);
    subscribers?.delete(connection);
    if (subscribers?.size === 0) this.subscribers.delete(channel);
  }

  private forget(connection: ClientConnection): void {
    this.connections.delete(connection.socketId);
    this.faults.forget(connection.socketId);
    for (const channel of [...connection.channels]) {
      this.unsubscribe(connection, { channel });
    }
  }
}
