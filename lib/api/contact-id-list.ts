import "#server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { MAX_CONTACT_IDS_PER_GET, MAX_CONTACT_IDS_PER_POST } from "@/lib/shared/contact-id-limits";
import { isUuid } from "@/lib/shared/uuid";


/** Trimmed, lower-cased, empties dropped, duplicates removed, each a UUID, at most `max`. */
export function normalizeContactIds(raw: string[], max: number, hint: string): string[] {
  const ids = [...new Set(raw.map((item) => item.trim().toLowerCase()).filter(Boolean))];
  const malformed = ids.find((id) => !isUuid(id));
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
