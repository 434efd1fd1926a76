// @vitest-environment node
// The fuzzers' generators must mean what their names say: a value that
// serializes to something else (NaN → null) is a different case, and once
// made the mark-read fuzzer expect a 400 for a body the API rightly accepts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wrongTypedJson } from "./support/fuzz-arbitraries";

/** Whether JSON carries the value as it is: no NaN or ±Infinity anywhere in it (they become null). */
function jsonCarries(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(jsonCarries);
  if (value && typeof value === "object") return Object.values(value).every(jsonCarries);
  return true;
}

describe("fuzz arbitraries", () => {
  it("wrong-typed JSON is JSON: nothing in it that serializes to something else", () => {
    fc.assert(
      fc.property(wrongTypedJson, (value) => {
        expect(jsonCarries(value), JSON.stringify(value)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });
});
