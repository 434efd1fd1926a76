import "#server-only";
import { isUuid } from "@/lib/shared/uuid";
import { DomainError } from "@/lib/domain/domain-error";

// Opaque keyset cursors: base64url of JSON. Clients must not parse them; the
// server validates them like any other input.
export type KeysetPosition = { at: string | null; id: string };


export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id]), "utf8").toString("base64url");
}

/**
 * Only times shaped exactly as encodeCursor writes them (toISOString, years
 * 0001-9999). `Date.parse` alone let forged cursors such as ["10000", id]
 * through: year 10000 is serialised as "+010000-..." which Postgres cannot
 * parse, and the page request failed with a 500 instead of a 400.
 */
function isIssuedTime(value: unknown): boolean {
  if (typeof value !== "string" || !/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [at, id] = decoded;
      const validAt = at === null || isIssuedTime(at);
      if (validAt && typeof id === "string" && isUuid(id)) return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError("invalid_input", "Invalid cursor: pass back the nextCursor of a previous page.");
}
