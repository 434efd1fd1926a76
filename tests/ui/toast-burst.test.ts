// The summary toast's arithmetic (issue 14, item 5), on a hand-driven clock.
import { describe, expect, it } from "vitest";
import { createToastBurst, summaryText } from "@/lib/inbox/toast-burst";

describe("toast bursts", () => {
  it("shows the first three on their own, then one summary that counts the whole burst", () => {
    let clock = 0;
    const burst = createToastBurst({ now: () => clock });
    const contacts = ["a", "b", "a", "c", "d", "a"];
    const decisions = contacts.map((contact) => {
      clock += 100;
      return burst.add(contact);
    });
    expect(decisions.slice(0, 3)).toEqual([{ kind: "single" }, { kind: "single" }, { kind: "single" }]);
    expect(decisions[3]).toEqual({ kind: "summary", messages: 4, conversations: 3, newestContactId: "c", replaces: ["a", "b"] });
    expect(decisions[5]).toEqual({ kind: "summary", messages: 6, conversations: 4, newestContactId: "a", replaces: [] });
    expect(summaryText(6, 4)).toBe("6 new messages from 4 conversations");
  });

  it("starts a new burst after a quiet gap", () => {
    let clock = 0;
    const burst = createToastBurst({ now: () => clock, gapMs: 1_000 });
    for (let index = 0; index < 5; index += 1) burst.add(`c${index}`);
    clock += 1_001;
    expect(burst.add("z")).toEqual({ kind: "single" });
    expect(summaryText(1, 1)).toBe("1 new message from 1 conversation");
  });
});
