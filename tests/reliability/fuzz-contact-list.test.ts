// GET /api/messaging/contacts: filter, limit and cursor, each possibly repeated.
import fc from "fast-check";
import { rejected, sessionRouteCases, valid, type Input } from "./support/fuzz-case";
import { junkString } from "./support/fuzz-arbitraries";
import { badCursor, limitIsValid, limitValue, queryPart, searchValues } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";

fuzzMalformedRequests("GET /api/messaging/contacts", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/contacts", allowed: "GET", mutating: false, permitted: ["agent", "admin"], usual: "agent", acceptsBody: false, input: contactListInput }),
);

function contactListInput(): fc.Arbitrary<Input> {
  const filter = fc.oneof(fc.constant<string | null>(null), fc.constantFrom("all", "unread", "ALL", "read", "", "all,unread"), junkString);
  return fc
    .record({ filter, limit: limitValue, cursor: fc.option(badCursor), repeat: fc.constantFrom(null, "filter", "cursor", "limit") })
    .map(({ filter, limit, cursor, repeat }) => {
      const query = [
        ...queryPart("filter", filter),
        ...(limit === null ? [] : [`limit=${limit}`]),
        ...queryPart("cursor", cursor),
      ];
      if (repeat) query.push(`${repeat}=all`, `${repeat}=1`);
      const filters = searchValues(query, "filter");
      const filterOk = filters.length === 0 || (filters.length === 1 && ["all", "unread"].includes(filters[0]));
      const cursors = searchValues(query, "cursor");
      const cursorOk = cursors.length === 0 || (cursors.length === 1 && cursors[0] === "");
      const ok = filterOk && limitIsValid(searchValues(query, "limit")) && cursorOk;
      return ok ? valid({ query }) : rejected("query", [400], { query });
    });
}
