// POST /api/messaging/contacts/{id}/unread: only the contact matters; 409 when
// the conversation has nothing to mark unread.
import fc from "fast-check";
import { rejected, sessionRouteCases, valid, type Input, type Stage } from "./support/fuzz-case";
import { junkString } from "./support/fuzz-arbitraries";
import { contactParam } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("POST /api/messaging/contacts/{id}/unread", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/contacts/[contactId]/unread", allowed: "POST", mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: markUnreadInput }),
);

function markUnreadInput(world: FuzzWorld): fc.Arbitrary<Input> {
  return fc
    .tuple(
      fc.oneof(
        contactParam(world, world.readable, [404]),
        fc.constant({ id: world.nothingToUnread, stage: "handler" as Stage, statuses: [409] }),
      ),
      fc.option(junkString),
    )
    .map(([contact, junkBody]) => {
      // a small body is ignored by this route, whatever it holds
      const input = { params: { contactId: contact.id }, body: junkBody ?? undefined, headers: { "content-type": "text/plain" } };
      return contact.stage ? rejected(contact.stage, contact.statuses, input) : valid(input);
    });
}
