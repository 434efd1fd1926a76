// GET /api/messaging/contacts/{id}/messages: a conversation page, with a
// `before` cursor and a limit.
import fc from "fast-check";
import { rejected, sessionRouteCases, valid, type Input } from "./support/fuzz-case";
import { badCursor, contactParam, limitIsValid, limitValue, queryPart, searchValues } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("GET /api/messaging/contacts/{id}/messages", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/contacts/[contactId]/messages", allowed: "GET", routeMethods: ["GET", "POST"], mutating: false, permitted: ["agent", "admin"], usual: "agent", acceptsBody: false, input: conversationInput }),
);

function conversationInput(world: FuzzWorld): fc.Arbitrary<Input> {
  return fc
    .tuple(contactParam(world, world.readable, [404]), fc.option(badCursor), limitValue)
    .map(([contact, before, limit]) => {
      const query = [...queryPart("before", before), ...(limit === null ? [] : [`limit=${limit}`])];
      const befores = searchValues(query, "before");
      const input = { params: { contactId: contact.id }, query };
      if (contact.stage === "params") return rejected("params", [400], input);
      const beforeRefused = befores.length > 1 || (befores.length === 1 && befores[0].length > 2048);
      if (!limitIsValid(searchValues(query, "limit")) || beforeRefused) return rejected("query", [400], input);
      // the handler looks the contact up first, then decodes the cursor
      if (contact.stage) return rejected(contact.stage, contact.statuses, input);
      return befores.length === 0 || befores[0] === "" ? valid(input) : rejected("handler", [400], input);
    });
}
