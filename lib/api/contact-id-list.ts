import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";

/**
 * GET carries the ids in its URL. 200 UUIDs make a URL of about 7.5 KB, under
 * the 8 KB that every proxy, CDN and Node's default header limit accept (500
 * made 18.5 KB: Node answered a bare 431 before the app ran). Larger batches
 * use POST, whose body has no such limit.
 */
export const MAX_CONTACT_IDS_PER_GET = 200;
export const MAX_CONTACT_IDS_PER_POST = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trimmed, lower-cased, empties dropped, duplicates removed, each a UUID, at most `max`. */
export function normalizeContactIds(raw: string[], max: number, hint: string): string[] {
  const ids = [...new Set(raw.map((item) => item.trim().toLowerCase()).filter(Boolean))];
  const malformed = ids.find((id) => !UUID.test(id));
  if (malformed !== undefined) {
    throw new ApiError("bad_request", `Invalid contact id: "${malformed.slice(0, 64)}" is not a UUID.`);
  }
  if (ids.length > max) {
    throw new ApiError("bad_request", `Too many contact ids: ${ids.length} given, at most ${max} per request${hint}.`);
  }
  return ids;
}

/** `?contact_ids=a, b,,a` (or the key repeated) → [a, b]. */
export const contactIdQuery = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    normalizeContactIds(
      (Array.isArray(value) ? value.join(",") : (value ?? "")).split(","),
      MAX_CONTACT_IDS_PER_GET,
      `; POST {"contactIds":[…]} takes up to ${MAX_CONTACT_IDS_PER_POST}`,
    ),
  );

/** `{"contactIds":[…]}`, the same rules with the POST limit. */
export const contactIdBody = z
  .object({
    contactIds: z
      .array(z.string({ message: "must be strings" }), { message: "must be an array of contact ids" })
      .max(MAX_CONTACT_IDS_PER_POST * 2, { message: `must hold at most ${MAX_CONTACT_IDS_PER_POST} ids` }),
  })
  .strict()
  .transform((body) => normalizeContactIds(body.contactIds, MAX_CONTACT_IDS_PER_POST, ""));
