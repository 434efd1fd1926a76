// DELETE /api/messaging/messages/{id}: admins only; a deleted, foreign or
// unknown message is a 404.
import fc from "fast-check";
import { rejected, sessionRouteCases, valid, type Input, type Stage } from "./support/fuzz-case";
import { junkString, malformedId } from "./support/fuzz-arbitraries";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("DELETE /api/messaging/messages/{id}", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/messages/[messageId]", allowed: "DELETE", mutating: true, permitted: ["admin"], usual: "admin", acceptsBody: true, input: deleteInput }),
);

function deleteInput(world: FuzzWorld): fc.Arbitrary<Input> {
  return fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant({ id: world.acmeMessage, stage: null as Stage | null, statuses: [] as number[] }) },
        { weight: 4, arbitrary: malformedId.map((id) => ({ id, stage: "params" as Stage, statuses: [400] })) },
        {
          weight: 3,
          arbitrary: fc
            .oneof(fc.uuid(), fc.constant(world.globexMessage), fc.constant(world.acmeDeletedMessage))
            .map((id) => ({ id, stage: "handler" as Stage, statuses: [404] })),
        },
      ),
      fc.option(junkString),
    )
    .map(([message, body]) => {
      const input = { params: { messageId: message.id }, body: body ?? undefined };
      return message.stage ? rejected(message.stage, message.statuses, input) : valid(input);
    });
}
