// POST /api/messaging/contacts/{id}/read: an optional body with lastReadAt or
// upToMessageId. Mark-read is throttled per user, so anything that reaches the
// handler may also get a 429.
import fc from "fast-check";
import { jsonHeaders, rejected, sessionRouteCases, valid, type Input, type Stage } from "./support/fuzz-case";
import { brokenJson, junkString, malformedId, wrongContentType, wrongTypedJson } from "./support/fuzz-arbitraries";
import { contactParam } from "./support/fuzz-inputs";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";
import type { FuzzWorld } from "./support/fuzz-world";

fuzzMalformedRequests("POST /api/messaging/contacts/{id}/read", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/contacts/[contactId]/read", allowed: "POST", mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: markReadInput }),
);

function markReadInput(world: FuzzWorld): fc.Arbitrary<Input> {
  const throttled = [404, 429];
  const body = fc.oneof(
    { weight: 2, arbitrary: fc.constant({ body: undefined as string | undefined, headers: {}, stage: null as Stage | null, statuses: [] as number[] }) },
    { weight: 1, arbitrary: fc.constantFrom("{}", JSON.stringify({ lastReadAt: new Date().toISOString() }), JSON.stringify({ upToMessageId: world.acmeMessage })).map((text) => ({ body: text, headers: jsonHeaders, stage: null, statuses: [] })) },
    {
      weight: 6,
      arbitrary: fc
        .oneof(
          wrongTypedJson.filter((value) => value !== null && !(typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0)),
          wrongTypedJson.map((value) => ({ lastReadAt: value })),
          junkString.map((value) => ({ lastReadAt: value })),
          fc.constantFrom("2026-01-01", "2026-01-01T00:00:00", "yesterday", "1700000000", "2026-13-01T00:00:00Z", "2026-01-01T25:00:00Z").map((value) => ({ lastReadAt: value })),
          wrongTypedJson.map((value) => ({ upToMessageId: value })),
          malformedId.map((value) => ({ upToMessageId: value })),
          fc.record({ lastReadAt: fc.constant(new Date().toISOString()), upToMessageId: fc.constant(world.acmeMessage) }),
          junkString.map((key) => ({ lastReadAt: new Date().toISOString(), [key || "extra"]: 1 })),
        )
        .map((value) => ({ body: JSON.stringify(value), headers: jsonHeaders, stage: "body" as Stage, statuses: [400] })),
    },
    { weight: 2, arbitrary: brokenJson.map((text) => ({ body: text, headers: jsonHeaders, stage: "body" as Stage, statuses: [400] })) },
    {
      weight: 2,
      arbitrary: wrongContentType.map((type) => ({ body: "{}", headers: { "content-type": type }, stage: "body" as Stage, statuses: [415] })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.uuid(), fc.constant(world.globexMessage), fc.constant(world.acmeDeletedMessage)).map((id) => ({
        body: JSON.stringify({ upToMessageId: id }),
        headers: jsonHeaders,
        stage: "handler" as Stage,
        statuses: id === world.acmeDeletedMessage ? [204, 429] : throttled,
      })),
    },
  );
  return fc.tuple(contactParam(world, world.readable, throttled), body).map(([contact, payload]) => {
    const stage = contact.stage === "params" ? "params" : payload.stage === "body" ? "body" : contact.stage ?? payload.stage;
    const statuses = stage === "params" ? contact.statuses : stage === "body" ? payload.statuses : contact.stage ? contact.statuses : payload.statuses;
    const input = { params: { contactId: contact.id }, body: payload.body, headers: payload.headers };
    // marking read with the cursor of a deleted message is a valid request
    if (!stage || statuses.includes(204)) return valid(input);
    return rejected(stage, statuses, input);
  });
}
