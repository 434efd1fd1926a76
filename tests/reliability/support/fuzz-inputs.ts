// Input pieces that more than one endpoint takes: a contact id in the path,
// `?limit=`, keyset cursors, message bodies. Each comes with what the server
// makes of it, so that a case knows whether it must be refused.
import fc from "fast-check";
import type { Stage } from "./fuzz-case";
import { encodeQueryValue, junkString, malformedId, rawQueryValue, wrongTypedJson } from "./fuzz-arbitraries";
import type { FuzzWorld } from "./fuzz-world";

/** A contact id in a path: own (valid), malformed (400), or another organization's / unknown (404 from the handler). */
export function contactParam(world: FuzzWorld, own: string, handlerStatuses: number[]) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ id: own, stage: null as Stage | null, statuses: [] as number[] }) },
    { weight: 4, arbitrary: malformedId.map((id) => ({ id, stage: "params" as Stage, statuses: [400] })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(fc.constant(world.globexContact), fc.uuid())
        .map((id) => ({ id, stage: "handler" as Stage, statuses: handlerStatuses })),
    },
  );
}

/** A `?limit=` as it goes on the wire (percent-encoded): absent, valid, or refused. */
export const limitValue = fc.oneof(
  fc.constant<string | null>(null),
  fc.integer({ min: 1, max: 100 }).map(String),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.constantFrom("0", "101", "1.5", "1e2", "0x10", " 5", "5 ", "+5", "-0", "", "٣", "Infinity", "NaN").map(encodeQueryValue),
  rawQueryValue,
);
export function limitIsValid(raw: string[]) {
  if (raw.length === 0) return true;
  if (raw.length > 1) return false;
  return /^\d{1,4}$/.test(raw[0]) && Number(raw[0]) >= 1 && Number(raw[0]) <= 100;
}

/** Cursors the server never issued. None decodes to [ISO time or null, UUID]. */
export const badCursor = fc.oneof(
  junkString.filter((value) => value !== ""),
  fc
    .oneof(
      fc.constant([1, 2]),
      fc.constant([null]),
      fc.uuid().map((id) => [id, null]),
      fc.uuid().map((id) => ["not a date", id]),
      fc.constant([null, "x"]),
      fc.uuid().map((id) => ({ at: null, id })),
      fc.uuid().map((id) => [null, id, 3]),
      wrongTypedJson.filter((value) => !Array.isArray(value) || value.length !== 2),
    )
    .map((value) => Buffer.from(JSON.stringify(value) ?? "x", "utf8").toString("base64url")),
);

export function queryPart(key: string, value: string | null) {
  return value === null ? [] : [`${key}=${encodeQueryValue(value)}`];
}

/** The values the server will see, parsed as the server parses its URL. */
export function searchValues(query: string[], key: string) {
  // the sentinel keeps a trailing space from being stripped as URL whitespace
  return new URL(`http://localhost/?${query.join("&")}&_end=1`).searchParams.getAll(key);
}

/** Message bodies the webhook must refuse (400): wrong type, empty, too long, or with a NUL (Postgres text cannot hold one). */
export const badMessageBody = fc.oneof(
  wrongTypedJson.filter((value) => typeof value !== "string"),
  fc.constant(""),
  fc.integer({ min: 4001, max: 6000 }).map((length) => "b".repeat(length)),
  fc.tuple(junkString, junkString).map(([before, after]) => `${before}\u0000${after}`),
);
