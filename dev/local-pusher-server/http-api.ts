import type { IncomingMessage, ServerResponse } from "node:http";

import {
  type Delivery,
  type ParseResult,
  parseBatchBody,
  parseEventsBody,
} from "./event-validation.js";
import { verifySignedRequest } from "./request-auth.js";

// Ten events of 10 KB each plus JSON framing fits comfortably; anything
// larger cannot be a valid request, so stop reading it early.
const MAX_BODY_BYTES = 256 * 1024;

export interface HttpApiOptions {
  appId: string;
  key: string;
  secret: string;
  deliver: (delivery: Delivery) => void;
  log: (message: string) => void;
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

// A Map rather than an object literal so path segments such as
// "constructor" cannot resolve to inherited properties.
const ROUTES = new Map<string, (raw: string) => ParseResult>([
  ["events", parseEventsBody],
  ["batch_events", parseBatchBody],
]);

export function createHttpApiHandler(options: HttpApiOptions): RequestHandler {
  return (req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      options.log(`HTTP handler failed: ${describeError(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "Internal error" });
      else res.destroy();
    });
  };
}

async function handle(
  options: HttpApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  // The signature covers the path as sent, so it must not be normalised.
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(
    queryStart === -1 ? "" : rawUrl.slice(queryStart + 1),
  );
  const method = req.method ?? "GET";

  if (path === "/" || path === "/health") {
    if (method !== "GET" && method !== "HEAD") {
      return sendJson(res, 405, { error: "Method not allowed" }, "GET, HEAD");
    }
    return sendJson(res, 200, { ok: true });
  }

  const match = /^\/apps\/([^/]+)\/([a-z_]+)$/.exec(path);
  const parse = match ? ROUTES.get(match[2] as string) : undefined;
  if (!match || !parse) return sendJson(res, 404, { error: "Not found" });
  if (safeDecode(match[1] as string) !== options.appId) {
    return sendJson(res, 404, { error: "Unknown app id" });
  }
  if (method !== "POST") {
    return sendJson(res, 405, { error: "Method not allowed" }, "POST");
  }

  const body = await readBody(req);
  if (body === "too-large") {
    res.setHeader("Connection", "close");
    return sendJson(res, 413, {
      error: `Request body exceeds ${MAX_BODY_BYTES} bytes`,
    });
  }

  const authError = verifySignedRequest(
    { method, path, query, body },
    { key: options.key, secret: options.secret },
  );
  if (authError) {
    options.log(`Rejected ${method} ${path}: ${authError}`);
    return sendJson(res, 401, { error: authError });
  }

  const parsed = parse(body.toString("utf8"));
  if (!parsed.ok) return sendJson(res, parsed.status, { error: parsed.error });

  for (const delivery of parsed.deliveries) options.deliver(delivery);
  sendJson(res, 200, {});
}

function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    // Drain without buffering so the client can read the 413 instead of
    // seeing a reset while it is still writing.
    req.resume();
    return Promise.resolve("too-large");
  }

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too-large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  allow?: string,
): void {
  const body = JSON.stringify(payload);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.setHeader("Cache-Control", "no-store");
  if (allow) res.setHeader("Allow", allow);
  res.end(body);
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
