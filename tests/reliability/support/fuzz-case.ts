// A fuzz case is a request plus the statuses it must get. The expected status
// follows the order in which withRoute checks a request: method, origin,
// session, membership, permission, path and query, body size, then whatever
// the input itself gets refused for.
import fc from "fast-check";
import type { Method, RouteCall } from "./call-route";
import { hugeBody, headerValue, queryNoise } from "./fuzz-arbitraries";
import {
  CROSS_ORIGIN,
  MUTATING,
  authArbitrary,
  cookieOf,
  methodArbitrary,
  originArbitrary,
  originHeaders,
  sometimes,
  type Auth,
  type Origin,
} from "./fuzz-request-dimensions";
import type { FuzzWorld } from "./fuzz-world";

export type Stage = "params" | "query" | "body" | "handler";

/** What a case sends besides method, session and origin. */
export type Input = {
  params?: Record<string, string>;
  query?: string[];
  body?: string;
  headers?: Record<string, string>;
  /** Where this input is refused, and with which statuses; null: the input alone is valid. */
  rejectedAt: Stage | null;
  statuses: readonly number[];
};

export const valid = (input: Omit<Input, "rejectedAt" | "statuses">): Input => ({ ...input, rejectedAt: null, statuses: [] });
export const rejected = (stage: Stage, statuses: readonly number[], input: Omit<Input, "rejectedAt" | "statuses">): Input => ({
  ...input,
  rejectedAt: stage,
  statuses,
});

export const jsonHeaders = { "content-type": "application/json" };

export type Case = { call: RouteCall; expected: readonly number[]; why: string };

export function describeCase(fuzz: Case) {
  const body = typeof fuzz.call.body === "string" ? fuzz.call.body : "";
  return `${fuzz.call.method} ${fuzz.call.route} [${fuzz.why}] params=${JSON.stringify(fuzz.call.params)} search=${JSON.stringify(fuzz.call.search?.slice(0, 160))} headers=${JSON.stringify(fuzz.call.headers)} body(${body.length})=${JSON.stringify(body.slice(0, 160))} cookie=${fuzz.call.cookie?.slice(0, 40)}`;
}

/** Counterexamples print as a short summary, not a 300 KB body. */
export function printable(fuzz: Case): Case {
  return Object.assign(fuzz, { [fc.toStringMethod]: () => describeCase(fuzz) });
}

export type SessionRouteSpec = {
  route: string;
  allowed: Method;
  /** Every method the route answers (a route can serve two endpoints). */
  routeMethods?: Method[];
  mutating: boolean;
  permitted: Auth[];
  usual: Auth;
  /** GET routes cannot carry a body; every other route refuses one past 64 KB. */
  acceptsBody: boolean;
  input: (world: FuzzWorld) => fc.Arbitrary<Input>;
};

/** Cases for a route behind withRoute; valid requests are dropped, they are not this suite's business. */
export function sessionRouteCases(world: FuzzWorld, spec: SessionRouteSpec): fc.Arbitrary<Case> {
  return fc
    .record({
      method: methodArbitrary(spec.allowed, spec.routeMethods),
      auth: authArbitrary(spec.usual),
      origin: spec.mutating ? originArbitrary : fc.constantFrom<Origin>("absent", "evil"),
      input: spec.input(world),
      huge: spec.acceptsBody ? sometimes(hugeBody, 8) : fc.constant(null),
      noise: queryNoise,
      socketId: fc.option(headerValue, { freq: 3 }),
      garbage: headerValue,
      tamperAt: fc.nat(),
    })
    .map((c): Case | null => {
      const reasons: [string, readonly number[]][] = [];
      if (c.method !== spec.allowed) reasons.push([`wrong method`, [405]]);
      else if (MUTATING.has(c.method) && CROSS_ORIGIN.has(c.origin)) reasons.push([`cross-origin (${c.origin})`, [403]]);
      else if (["none", "garbage", "tampered", "wrongSecret"].includes(c.auth)) reasons.push([`no valid session (${c.auth})`, [401]]);
      else if (c.auth === "stranger") reasons.push(["not a member", [403]]);
      else if (!spec.permitted.includes(c.auth)) reasons.push([`role ${c.auth} lacks permission`, [403]]);
      else if (c.input.rejectedAt === "params" || c.input.rejectedAt === "query")
        reasons.push([`malformed ${c.input.rejectedAt}`, c.input.statuses]);
      else if (c.huge) reasons.push(["body over 64 KB", [413]]);
      else if (c.input.rejectedAt) reasons.push([`refused at ${c.input.rejectedAt}`, c.input.statuses]);
      if (reasons.length === 0) return null; // a valid request: not this suite's business
      const headers: Record<string, string> = {
        ...originHeaders(c.origin),
        ...(c.input.headers ?? {}),
        ...(c.huge?.headers ?? {}),
      };
      if (c.socketId !== null) headers["x-socket-id"] = c.socketId;
      const body = c.method === "GET" ? undefined : (c.huge?.body ?? c.input.body);
      return {
        why: reasons[0][0],
        expected: reasons[0][1],
        call: {
          route: spec.route,
          method: c.method,
          params: c.input.params,
          search: [...(c.input.query ?? []), ...c.noise].join("&"),
          headers,
          body,
          cookie: cookieOf(world, c.auth, c.garbage, c.tamperAt),
        },
      };
    })
    .filter((value): value is Case => value !== null)
    .map(printable);
}
