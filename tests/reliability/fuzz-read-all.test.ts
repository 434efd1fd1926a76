// POST /api/messaging/read-all reads nothing from the request: only method,
// origin, session and size can make it fail.
import fc from "fast-check";
import { sessionRouteCases, valid, type Input } from "./support/fuzz-case";
import { junkString } from "./support/fuzz-arbitraries";
import { fuzzMalformedRequests } from "./support/fuzz-malformed-requests";

fuzzMalformedRequests("POST /api/messaging/read-all", (world) =>
  sessionRouteCases(world, { route: "/api/messaging/read-all", allowed: "POST", mutating: true, permitted: ["agent", "admin"], usual: "agent", acceptsBody: true, input: readAllInput }),
);

function readAllInput(): fc.Arbitrary<Input> {
  return fc.option(junkString).map((body) => valid({ body: body ?? undefined }));
}
