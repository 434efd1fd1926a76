import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

import { WebSocketServer } from "ws";

import { createHttpApiHandler } from "./http-api.js";
import { DEFAULT_ACTIVITY_TIMEOUT_SECONDS } from "./protocol.js";
import type { DeliveryFault } from "./delivery-faults.js";
import { WebSocketHub } from "./websocket-hub.js";

export interface LocalPusherServerOptions {
  appId: string;
  key: string;
  secret: string;
  /** 0 picks a free port; the chosen one is reported back. */
  port: number;
  host?: string;
  /** Seconds of client silence before the server pings (default 120). */
  activityTimeout?: number;
  /** Receives diagnostics (rejected requests, socket errors). Silent by default. */
  log?: (message: string) => void;
}

export interface LocalPusherServer {
  port: number;
  /** HTTP base URL; WebSocket clients connect to the same host and port. */
  url: string;
  close(): Promise<void>;
  connectionCount(): number;
  /** Live connections with their channels (oldest first). */
  connections(): { socketId: string; channels: string[] }[];
  /** Drops or reorders the next matching event for one connection (tests). */
  injectFault(fault: DeliveryFault): void;
}

// pusher-js never sends frames this large (client events are capped at
// 10 KB); the cap keeps a misbehaving peer from buffering megabytes.
const MAX_WS_PAYLOAD_BYTES = 64 * 1024;

export async function startLocalPusherServer(
  options: LocalPusherServerOptions,
): Promise<LocalPusherServer> {
  const { appId, key, secret, port, host = "127.0.0.1" } = options;
  for (const [name, value] of Object.entries({ appId, key, secret })) {
    if (typeof value !== "string" || value.length === 0) {
      throw new Error(`startLocalPusherServer: ${name} must be a non-empty string`);
    }
  }
  const activityTimeout = options.activityTimeout ?? DEFAULT_ACTIVITY_TIMEOUT_SECONDS;
  if (!(activityTimeout > 0)) {
    throw new Error("startLocalPusherServer: activityTimeout must be positive");
  }
  const log = options.log ?? (() => {});

  const hub = new WebSocketHub({ key, secret, activityTimeoutSeconds: activityTimeout, log });
  const server = createServer(
    createHttpApiHandler({ appId, key, secret, log, deliver: (d) => hub.publish(d) }),
  );
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_WS_PAYLOAD_BYTES,
  });
  let closing: Promise<void> | null = null;

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", (error) => log(`upgrade socket error: ${error.message}`));
    const target = parseAppPath(req.url);
    if (closing || !target) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws, target));
  });
  // Malformed HTTP must never surface as an unhandled error.
  server.on("clientError", (error, socket) => {
    log(`HTTP client error: ${error.message}`);
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  wss.on("error", (error) => log(`WebSocket server error: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => log(`HTTP server error: ${error.message}`));

  const actualPort = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    port: actualPort,
    url: `http://${urlHost}:${actualPort}`,
    connectionCount: () => hub.connectionCount(),
    connections: () => hub.describeConnections(),
    injectFault: (fault) => hub.faults.add(fault),
    close() {
      closing ??= (async () => {
        // 1001 ("going away") makes pusher-js retry, so browsers reconnect
        // by themselves when the dev server restarts.
        await hub.closeAll(1001, "Server shutting down");
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

function parseAppPath(
  rawUrl: string | undefined,
): { key: string | null; protocol: string | null } | null {
  let url: URL;
  try {
    url = new URL(rawUrl ?? "/", "http://localhost");
  } catch {
    return null;
  }
  const match = /^\/app\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return null;
  let key: string | null;
  try {
    key = decodeURIComponent(match[1] as string);
  } catch {
    key = null;
  }
  return { key, protocol: url.searchParams.get("protocol") };
}
