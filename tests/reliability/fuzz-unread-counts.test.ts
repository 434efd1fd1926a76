// GET /api/messaging/unread-counts: the contact_ids list is the whole input.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { rejected, sessionRouteCases, valid, type Input } from "./support/fuzz-case";
import { UUID_SHAPE, encodeQueryValue, junkString, rawQueryValue } from "./support/fuzz-arbitraries";
import { searchValues } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("GET /api/messaging/unread-counts", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/unread-counts", allowed: "GET", routeMethods: ["GET", "POST"], mutating: false, permitted: ["agent", "admin"], usual: "agent", acceptsBody: false, input: unreadCountsInput }),
);

function unreadCountsInput(world: FuzzWorld): fc.Arbitrary<Input> {
  const token = fc.oneof(
    fc.constantFrom(...world.acme.contactIds, world.globexContact),
    fc.uuid(),
    fc.uuid().map((id) => `  ${id.toUpperCase()} `),
    fc.constantFrom("", " ", "\t"),
    junkString,
  );
  const list = fc.array(token, { maxLength: 8 }).map((tokens) => tokens.join(","));
  return fc
    .oneof(
      // a list with at least one item that is not a UUID
      fc
        .tuple(list, junkString.filter((value) => value.trim() !== "" && !value.includes(",")), list)
        .map(([before, bad, after]) => [`contact_ids=${encodeQueryValue(`${before},${bad},${after}`)}`]),
      // more than 200 distinct ids (the GET limit)
      fc.integer({ min: 201, max: 350 }).map((count) => [`contact_ids=${Array.from({ length: count }, () => randomUUID()).join(",")}`]),
      // the key repeated, one of them bad
      fc.tuple(list, rawQueryValue).map(([good, bad]) => [`contact_ids=${encodeQueryValue(good)}`, `contact_ids=${bad}`]),
      // anything at all
      fc.array(rawQueryValue, { minLength: 1, maxLength: 3 }).map((values) => values.map((value) => `contact_ids=${value}`)),
    )
    .map((query) => {
      const ids = [
        ...new Set(
          searchValues(query, "contact_ids")
            .join(",")
            .split(",")
            .map((item) => item.trim().toLowerCase())
            .filter(Boolean),
        ),
      ];
      const bad = ids.some((id) => !UUID_SHAPE.test(id)) || ids.length > 200;
      return bad ? rejected("query", [400], { query }) : valid({ query });
    });
}
