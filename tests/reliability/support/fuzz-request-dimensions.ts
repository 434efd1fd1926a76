// The dimensions every fuzzed request has besides its input: method, session
// and origin. Mostly the endpoint's usual value, so that the input itself gets
// tested, and sometimes any other, so that the order of checks does too.
import fc from "fast-check";
import { METHODS, SAME_ORIGIN_HEADERS, type Method } from "./call-route";
import type { FuzzWorld } from "./fuzz-world";

export const AUTHS = ["agent", "admin", "viewer", "none", "garbage", "tampered", "wrongSecret", "stranger"] as const;
export type Auth = (typeof AUTHS)[number];
export const ORIGINS = ["same", "absent", "evil", "null", "cross-site", "malformed", "sibling"] as const;
export type Origin = (typeof ORIGINS)[number];
export const CROSS_ORIGIN = new Set<Origin>(["evil", "null", "cross-site", "malformed", "sibling"]);
export const MUTATING = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);

export function originHeaders(origin: Origin): Record<string, string> {
  switch (origin) {
    case "same":
      return { ...SAME_ORIGIN_HEADERS };
    case "absent":
      return {};
    case "evil":
      return { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    case "null":
      return { origin: "null" };
    case "cross-site":
      return { "sec-fetch-site": "cross-site" };
    case "malformed":
      return { origin: "http://[::1" };
    case "sibling":
      return { origin: "http://localhost:3001", "sec-fetch-site": "same-site" };
  }
}

function tamper(cookie: string, at: number): string {
  const [name, token] = cookie.split(/=(.*)/s);
  // a position whose base64url character carries data bits only (not the last of a segment)
  const positions = [...token].map((char, index) => index).filter((index) => token[index] !== "." && token[index + 1] !== undefined && token[index + 1] !== ".");
  const index = positions[at % positions.length];
  const replacement = token[index] === "A" ? "B" : "A";
  return `${name}=${token.slice(0, index)}${replacement}${token.slice(index + 1)}`;
}

export function cookieOf(world: FuzzWorld, auth: Auth, garbage: string, tamperAt: number): string | undefined {
  switch (auth) {
    case "none":
      return undefined;
    case "garbage":
      return `next-auth.session-token=${garbage}`;
    case "tampered":
      return tamper(world.cookies.agent, tamperAt);
    default:
      return world.cookies[auth];
  }
}

/** Mostly the endpoint's own method, sometimes one the route does not answer at all. */
export const methodArbitrary = (method: Method, routeMethods: Method[] = [method]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(method) },
    { weight: 1, arbitrary: fc.constantFrom(...METHODS.filter((other) => !routeMethods.includes(other))) },
  );
export const authArbitrary = (usual: Auth) =>
  fc.oneof({ weight: 14, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: fc.constantFrom(...AUTHS) });
export const originArbitrary = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom<Origin>("same", "absent") },
  { weight: 1, arbitrary: fc.constantFrom(...ORIGINS) },
);

/** The value in about one case out of `oneIn`, otherwise null. */
export function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}
