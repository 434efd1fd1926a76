// @vitest-environment node
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, demoSignInList } from "@/dev/demo/demo-accounts";

describe("the dev banner's demo accounts", () => {
  it("names each account once, with every organization it belongs to", () => {
    const list = demoSignInList();
    const emails = [...new Set(DEMO_ACCOUNTS.map((account) => account.email))];
    for (const email of emails) expect(list.split(email).length - 1, email).toBe(1);
    expect(list).toContain("olivia@example.test (Acme agent, Globex agent)");
    expect(list).toContain("alice@acme.test (Acme admin)");
  });
});
