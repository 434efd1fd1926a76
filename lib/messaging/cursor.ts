import { ApiError } from "@/lib/api/api-error";

// Opaque keyset cursors: base64url of JSON. Clients must not parse them; the
// server validates them like any other input.
export type KeysetPosition = { at: string | null; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [at, id] = decoded;
      const validAt = at === null || (typeof at === "string" && !Number.isNaN(Date.parse(at)));
      if (validAt && typeof id === "string" && UUID.test(id)) return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError("bad_request", "Invalid cursor: pass back the nextCursor of a previous page.");
}
