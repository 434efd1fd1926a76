// The authorization matrix, generated from ONE table (support/authorization-table.ts):
// every API route × every method × five callers × two targets → the expected
// status. On top of the status, every case checks that
//   - errors are the JSON error shape,
//   - no response (body or headers) carries another organization's data,
//   - a refusal for a resource that exists in another organization is
//     byte-identical (status, body, headers except Date and X-Request-Id) to the refusal for a
//     resource that does not exist at all.
import { API_ROUTES } from "../support/routes";
import { getTestPrisma } from "../support/test-database";
import { CALLERS, TARGETS, type Caller, type TargetKind, type Target, type Variant } from "./support/authorization-cases";
import { variantsOf } from "./support/authorization-table";
import {
  createAuthorizationWorld,
  foreignSecrets,
  freshEndpoint,
  ghostTarget,
  homeOf,
  targetFor,
  type AuthorizationWorld,
} from "./support/authorization-world";
import { METHODS, callRoute, expectJsonError, readResponse, type Method, type ReadResponse } from "./support/call-route";
import { withRealtimeServer } from "./support/realtime-server";

const db = getTestPrisma();

let world: AuthorizationWorld;
const recorded: { caller: Caller; target: TargetKind; response: ReadResponse }[] = [];
let casesRun = 0;

withRealtimeServer();
beforeAll(async () => {
  world = await createAuthorizationWorld(db);
});
afterAll(() => {
  console.log(`[authorization matrix] ${casesRun} cases run`);
});

async function send(route: string, method: Method, variant: Variant, caller: Caller, target: Target) {
  const home = world[homeOf(caller)];
  const callerContext = { caller, userId: world.userIds[caller], homeEndpoint: () => freshEndpoint(db, home.organizationId) };
  const resolved =
    target.userId === "self" ? { ...target, userId: callerContext.userId ?? world.acme.users.agent.id } : target;
  const request = await variant.request(resolved, callerContext);
  return readResponse(await callRoute({ route, method, cookie: world.cookies[caller], ...request }));
}

for (const route of API_ROUTES.map((entry) => entry.pattern)) {
  describe(route, () => {
    for (const method of METHODS) {
      for (const variant of variantsOf(route, method)) {
        for (const caller of CALLERS) {
          for (const targetKind of TARGETS) {
            const status = variant.expect[caller][targetKind === "own" ? 0 : 1];
            it(`${method} ${variant.label} · ${caller} · ${targetKind}-org target → ${status}`, async () => {
              casesRun++;
              const target = targetFor(db, world, caller, targetKind);
              const response = await send(route, method, variant, caller, target);
              const context = `${method} ${route} (${variant.label}) as ${caller} on ${targetKind}`;
              expect(response.status, `${context}: ${response.text.slice(0, 200)}`).toBe(status);
              recorded.push({ caller, target: targetKind, response });

              if (status >= 400) expectJsonError(response, context);
              else if (targetKind === "own") variant.check?.(response, target);

              // Nothing of another organization, anywhere in the answer.
              const everything = `${response.text}\n${JSON.stringify(response.headers)}`;
              for (const secret of foreignSecrets(world, caller)) {
                expect(everything.includes(secret), `${context} leaked "${secret}"`).toBe(false);
              }

              // "Exists elsewhere" and "does not exist" must be indistinguishable.
              if (targetKind === "other" && (status >= 400 || variant.successLeaksNothing)) {
                const ghost = await send(route, method, variant, caller, ghostTarget());
                expect(ghost, `${context}: differs from a target that does not exist`).toEqual(response);
              }
            });
          }
        }
      }
    }
  });
}

describe("matrix summary", () => {
  it("ran every generated case and each caller saw its own organization's data somewhere", () => {
    const expected = API_ROUTES.reduce(
      (sum, route) =>
        sum + METHODS.reduce((inner, method) => inner + variantsOf(route.pattern, method).length, 0) * CALLERS.length * 2,
      0,
    );
    expect(casesRun).toBe(expected);
    for (const caller of ["agent", "admin", "foreignAgent"] as const) {
      const home = world.secrets[homeOf(caller)];
      const sawOwn = recorded.some(
        (entry) => entry.caller === caller && entry.response.status === 200 && home.some((s) => entry.response.text.includes(s)),
      );
      expect(sawOwn, caller).toBe(true);
    }
  });
});
