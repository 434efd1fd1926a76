import "#server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/api-error";

export const MAX_BODY_BYTES = 64 * 1024;

/** The raw body, refused past MAX_BODY_BYTES without buffering the rest. */
export async function readRawBody(req: NextRequest, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number) {
  return new ApiError("payload_too_large", `Request bodies are limited to ${maxBytes / 1024} KB.`);
}

/** Parses a JSON body; an empty body is `undefined` so optional bodies stay optional. */
export async function readJsonBody(req: NextRequest): Promise<unknown> {
  const raw = await readRawBody(req);
  if (raw.trim() === "") return undefined;
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
}
