// Building blocks for the fuzz suite: hostile strings, ids, query strings and
// bodies. Everything here is data; the suite decides what each case must get.
import { UUID_PATTERN } from "@/lib/shared/uuid";
import fc from "fast-check";

export const UUID_SHAPE = UUID_PATTERN;

/** SQL, JSON, path, template and encoding metacharacters, plus the classics. */
export const METACHARACTERS = [
  "'",
  '"',
  ";",
  "--",
  "/*",
  "*/",
  "\\",
  "%",
  "_",
  "%00",
  "%27",
  "' OR '1'='1",
  "1; DROP TABLE message; --",
  "'); DELETE FROM conversation_read_state; --",
  "$1",
  "::uuid",
  '{"$ne":null}',
  '{"__proto__":{"admin":true}}',
  "[]",
  "{}",
  "null",
  "true",
  "NaN",
  "-1",
  "1e309",
  "\u0000",
  "a\u0000b",
  "\u202e",
  "\ufeff",
  "\u2028",
  "𝕏😀",
  "\ud800",
  "\udfff",
  "\r\n",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "../../etc/passwd",
  "<script>alert(1)</script>",
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const oddChar = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  loneSurrogate,
  fc.constantFrom("\u0000", "'", '"', ",", "%", "/", "\\", " ", "\t", "\n", "+", "&", "=", "#", "?"),
);

/** Any hostile string: unicode of every plane, lone surrogates, NULs, metacharacters, very long. */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: oddChar, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...METACHARACTERS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...METACHARACTERS), fc.uuid()).map(([meta, id]) => `${id}${meta}`) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 20_000 }).map((length) => "a".repeat(length)) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 300 }).chain((times) => fc.uuid().map((id) => id.repeat(times))) },
  { weight: 1, arbitrary: fc.uuid().map((id) => id.replace(/-/g, "")) },
  { weight: 1, arbitrary: fc.uuid().map((id) => `{${id}}`) },
  { weight: 1, arbitrary: fc.uuid().map((id) => `${id.slice(0, -1)}g`) },
  { weight: 1, arbitrary: fc.uuid().map((id) => ` ${id}`) },
);

/** A path or body id that is not a UUID. */
export const malformedId = junkString.filter((value) => !UUID_SHAPE.test(value));

/** Percent-encodes the UTF-8 bytes of a value (lone surrogates become U+FFFD, as a browser would send them). */
export function encodeQueryValue(value: string): string {
  return [...Buffer.from(value, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
}

/** A raw query value that may not even be valid UTF-8 once decoded. */
export const rawQueryValue: fc.Arbitrary<string> = fc.oneof(
  junkString.map(encodeQueryValue),
  fc.uint8Array({ maxLength: 30 }).map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("")),
  junkString.map((value) => {
    try {
      return encodeURIComponent(value);
    } catch {
      return encodeQueryValue(value);
    }
  }),
);

/** Extra query parameters no route reads, including prototype-polluting names. */
export const queryNoise: fc.Arbitrary<string[]> = fc.array(
  fc
    .tuple(
      fc.constantFrom("foo", "__proto__", "constructor", "toString", "hasOwnProperty", "x[]", "_", "%00", "q"),
      rawQueryValue,
    )
    .map(([key, value]) => `${key}=${value}`),
  { maxLength: 3 },
);

/** JSON of every type, for bodies and fields that expect something else. */
export const wrongTypedJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  // Only what JSON can carry: NaN and ±Infinity serialize to null, a different case.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(junkString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** Bodies that are not JSON at all, or broken JSON. */
export const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("{", '{"a":', "[1,2", '{"a" 1}', "{'a':1}", "undefined", "NaN", "\u0000", '{"a":"\u0000', "\ufeff{}x", "}{"),
  junkString.filter((value) => {
    if (value.trim() === "") return false;
    try {
      JSON.parse(value);
      return false;
    } catch {
      return true;
    }
  }),
);

export const MAX_BODY = 64 * 1024;

/** A request body past the 64 KB limit, with or without a declared Content-Length. */
export const hugeBody: fc.Arbitrary<{ body: string; headers: Record<string, string> }> = fc
  .record({
    size: fc.integer({ min: MAX_BODY + 1, max: 300_000 }),
    declare: fc.boolean(),
    shape: fc.constantFrom("json-string", "json-array", "form", "garbage"),
  })
  .map(({ size, declare, shape }) => {
    const filler = "x".repeat(size);
    const body =
      shape === "json-string"
        ? JSON.stringify({ body: filler, lastReadAt: filler, socket_id: filler })
        : shape === "json-array"
          ? JSON.stringify(Array.from({ length: Math.ceil(size / 8) }, () => 1234567))
          : shape === "form"
            ? `socket_id=1.2&channel_name=${filler}`
            : filler;
    const headers: Record<string, string> = {
      "content-type": shape === "form" ? "application/x-www-form-urlencoded" : "application/json",
    };
    if (declare) headers["content-length"] = String(Buffer.byteLength(body));
    return { body, headers };
  });

/** Content types a JSON route must refuse for a non-empty body (415). */
export const wrongContentType = fc.constantFrom(
  "text/plain",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/jsonx",
  "json",
  "application/octet-stream",
);

/** A header value that HTTP can carry (printable ASCII). */
export const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,120}$/);
