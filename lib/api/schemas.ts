import "#server-only";
import { UUID_PATTERN } from "@/lib/shared/uuid";
import { z } from "zod";

export const uuid = z.string().regex(UUID_PATTERN, { message: "must be a UUID" });

/**
 * Free text that is stored in a Postgres `text` column. Postgres cannot hold
 * U+0000 in text, so a NUL used to reach the INSERT (or the external_id
 * lookup) and come back as a 500; it is the client's input that is wrong.
 */
export function storableText() {
  return z.string({ message: "is required" }).refine((value) => !value.includes("\u0000"), {
    message: "must not contain NUL characters",
  });
}

export const contactParams = z.object({ contactId: uuid });
export const messageParams = z.object({ messageId: uuid });
export const endpointParams = z.object({ endpointId: uuid });

/** `?limit=` as sent by browsers: a decimal string, bounded. */
export function limitParam(max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,4}$/, { message: `must be a whole number from 1 to ${max}` })
    .transform(Number)
    .refine((value) => value >= 1 && value <= max, { message: `must be from 1 to ${max}` })
    .optional()
    .transform((value) => value ?? fallback);
}

/** A single query value; repeated keys are an error rather than a silent pick. */
export const singleValue = z
  .string({ message: "must be given once" })
  .max(2048, { message: "must be at most 2048 characters" });

export function socketIdOf(req: Request): string | null {
  return req.headers.get("x-socket-id");
}
