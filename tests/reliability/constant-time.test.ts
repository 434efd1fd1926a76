// Secrets are compared in constant time: the webhook signature and the
// password hash both go through crypto.timingSafeEqual with equal-length
// buffers, so the time taken does not depend on where the first difference
// is. Timing itself is too noisy to assert in CI; what is asserted is that
// every comparison of secret material reaches timingSafeEqual, whatever the
// content, and that nothing short-circuits on a matching prefix.
import type * as Crypto from "node:crypto";
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { signInboundWebhook, verifyInboundWebhook } from "@/lib/webhooks/inbound-signature";

const comparisons = vi.hoisted(() => ({ calls: [] as { left: Buffer; right: Buffer }[] }));

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  return {
    ...actual,
    timingSafeEqual: (left: NodeJS.ArrayBufferView, right: NodeJS.ArrayBufferView) => {
      comparisons.calls.push({ left: Buffer.from(left as Uint8Array), right: Buffer.from(right as Uint8Array) });
      return actual.timingSafeEqual(left, right);
    },
  };
});

beforeEach(() => {
  comparisons.calls.length = 0;
});

describe("webhook signatures", () => {
  const secret = "whsec_constant-time-test-secret-0123456789abcdef";
  const rawBody = JSON.stringify({ contactId: randomUUID(), body: "hello" });
  const now = Math.floor(Date.now() / 1000);
  const good = signInboundWebhook(secret, now, rawBody);
  const check = (signatureHeader: string) =>
    verifyInboundWebhook({ secret, timestampHeader: String(now), signatureHeader, rawBody, nowSeconds: now });

  it("a wrong signature of the right length is compared in full, wherever it differs", () => {
    for (const index of [7, 8, 30, good.length - 1]) {
      const forged = `${good.slice(0, index)}${good[index] === "a" ? "b" : "a"}${good.slice(index + 1)}`;
      comparisons.calls.length = 0;
      expect(check(forged).ok).toBe(false);
      expect(comparisons.calls).toHaveLength(1);
      expect(comparisons.calls[0].left.length).toBe(comparisons.calls[0].right.length);
    }
  });

  it("the right signature goes through the same comparison", () => {
    expect(check(good).ok).toBe(true);
    expect(comparisons.calls).toHaveLength(1);
  });

  it("a signature of another length is refused before comparing (a sha256 signature's length is public)", () => {
    expect(check(good.slice(0, -2)).ok).toBe(false);
    expect(comparisons.calls).toHaveLength(0);
  });
});

describe("password hashes", () => {
  it("right and wrong passwords are both checked with timingSafeEqual over the full derived key", async () => {
    const stored = await hashPassword("correct horse");
    comparisons.calls.length = 0;
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsf", stored)).toBe(false);
    expect(comparisons.calls).toHaveLength(2);
    for (const call of comparisons.calls) {
      expect(call.left.length).toBe(32);
      expect(call.right.length).toBe(32);
    }
  });
});
