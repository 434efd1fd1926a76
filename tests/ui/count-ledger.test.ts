// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createCountLedger } from "@/lib/inbox/count-ledger";

/** A ledger with a hand-driven clock: timers run only when the test says so. */
function ledgerUnderTest() {
  const heals: string[] = [];
  const timers: (() => void)[] = [];
  const ledger = createCountLedger({
    onChange: () => {},
    heal: (id) => heals.push(id),
    gapWaitMs: 300,
    schedule: (run) => {
      timers.push(run);
      return () => timers.splice(timers.indexOf(run), 1);
    },
  });
  const elapse = () => timers.splice(0).forEach((run) => run());
  return { ledger, heals, elapse, pendingTimers: () => timers.length };
}

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 9, 0, second)).toISOString();
const message = (version: number, total: number, second: number, change: -1 | 0 | 1 = 1) => ({
  version,
  total,
  change,
  createdAt: at(second),
});

describe("count ledger: versions", () => {
  it("applies version + 1 by itself: badge = total − readThrough, no heal", () => {
    const { ledger, heals } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 4, total: 4, readThrough: 3, lastReadAt: at(3) });
    expect(ledger.badge("a")).toBe(1);
    expect(ledger.applyChange("a", message(5, 5, 10))).toBe("applied");
    expect(ledger.applyChange("a", message(6, 6, 11))).toBe("applied");
    expect(ledger.badge("a")).toBe(3);
    expect(heals).toEqual([]);
  });

  it("ignores versions it already knows (replays, late duplicates)", () => {
    const { ledger } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 6, total: 6, readThrough: 0, lastReadAt: null });
    expect(ledger.applyChange("a", message(6, 6, 10))).toBe("ignored");
    expect(ledger.applyChange("a", message(2, 2, 1))).toBe("ignored");
    expect(ledger.badge("a")).toBe(6);
  });

  it("a removal at or before the read position lowers the readThrough too, not the badge", () => {
    const { ledger } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 3, total: 3, readThrough: 2, lastReadAt: at(20) });
    ledger.applyChange("a", message(4, 2, 10, -1)); // a read message deleted
    expect(ledger.badge("a")).toBe(1);
    ledger.applyChange("a", message(5, 1, 30, -1)); // the unread one deleted
    expect(ledger.badge("a")).toBe(0);
  });

  it("waits for a reordered pair and applies both in order, with no heal", () => {
    const { ledger, heals, pendingTimers } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 1, total: 1, readThrough: 1, lastReadAt: at(5) });
    expect(ledger.applyChange("a", message(3, 3, 12))).toBe("held");
    expect(ledger.badge("a")).toBe(0);
    expect(ledger.applyChange("a", message(2, 2, 11))).toBe("applied");
    expect(ledger.badge("a")).toBe(2);
    expect(pendingTimers()).toBe(0);
    expect(heals).toEqual([]);
  });

  it("a skipped version heals exactly that contact, once, after the wait", () => {
    const { ledger, heals, elapse } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 1, total: 1, readThrough: 0, lastReadAt: null });
    ledger.applySnapshot("b", { version: 1, total: 1, readThrough: 0, lastReadAt: null });
    ledger.applyChange("a", message(3, 3, 12));
    ledger.applyChange("a", message(4, 4, 13));
    expect(heals).toEqual([]);
    elapse();
    expect(heals).toEqual(["a"]);
    ledger.applyChange("a", message(5, 5, 14)); // still healing: no second request
    elapse();
    expect(heals).toEqual(["a"]);
    ledger.applySnapshot("a", { version: 5, total: 5, readThrough: 0, lastReadAt: null });
    expect(ledger.badge("a")).toBe(5);
    ledger.applyChange("a", message(6, 6, 15));
    expect(ledger.badge("a")).toBe(6);
    expect(heals).toEqual(["a"]);
  });

  it("a hint (countedChange 0) ahead of the known version reveals a missed change", () => {
    const { ledger, heals, elapse } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 2, total: 2, readThrough: 0, lastReadAt: null });
    expect(ledger.applyChange("a", message(2, 2, 9, 0))).toBe("ignored");
    expect(ledger.applyChange("a", message(3, 3, 9, 0))).toBe("held");
    elapse();
    expect(heals).toEqual(["a"]);
  });

  it("a contact's first message (version 1) needs no request; any other unknown contact is fetched", () => {
    const { ledger, heals } = ledgerUnderTest();
    expect(ledger.applyChange("new", message(1, 1, 1))).toBe("applied");
    expect(ledger.badge("new")).toBe(1);
    expect(ledger.applyChange("unknown", message(7, 7, 1))).toBe("held");
    expect(heals).toEqual(["unknown"]);
    expect(ledger.badge("unknown")).toBeUndefined();
  });

  it("events arriving while an unknown contact is fetched are applied over an older answer", () => {
    const { ledger, heals } = ledgerUnderTest();
    ledger.applyChange("a", message(5, 5, 10)); // unknown: fetched
    ledger.applyChange("a", message(6, 6, 11)); // arrives meanwhile
    ledger.applyRead("a", { version: 6, total: 6, readThrough: 6, lastReadAt: at(11) });
    ledger.applySnapshot("a", { version: 5, total: 5, readThrough: 0, lastReadAt: null });
    expect(ledger.badge("a")).toBe(0); // v6 applied, then the read at v6
    expect(heals).toEqual(["a"]);
  });

  it("a snapshot older than the events already applied is ignored", () => {
    const { ledger } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 1, total: 1, readThrough: 0, lastReadAt: null });
    ledger.applyChange("a", message(2, 2, 10));
    ledger.applySnapshot("a", { version: 1, total: 1, readThrough: 0, lastReadAt: null });
    expect(ledger.badge("a")).toBe(2);
  });
});

describe("count ledger: reads", () => {
  it("a read event at the known version sets the readThrough", () => {
    const { ledger } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 3, total: 3, readThrough: 0, lastReadAt: null });
    ledger.applyRead("a", { version: 3, total: 3, readThrough: 3, lastReadAt: at(30) });
    expect(ledger.badge("a")).toBe(0);
    ledger.applyChange("a", message(4, 4, 40));
    expect(ledger.badge("a")).toBe(1);
  });

  it("a late read event is replayed over the changes applied since", () => {
    const { ledger, heals } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 3, total: 3, readThrough: 0, lastReadAt: null });
    ledger.applyChange("a", message(4, 4, 40)); // after the read's position
    ledger.applyChange("a", message(5, 3, 10, -1)); // a removal within it
    ledger.applyRead("a", { version: 3, total: 3, readThrough: 3, lastReadAt: at(30) });
    expect(ledger.badge("a")).toBe(1); // total 3, readThrough 3 − 1
    expect(heals).toEqual([]);
  });

  it("a read event ahead of the known version waits for the messages it counted", () => {
    const { ledger, heals } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 1, total: 1, readThrough: 0, lastReadAt: null });
    ledger.applyRead("a", { version: 2, total: 2, readThrough: 2, lastReadAt: at(20) });
    expect(ledger.badge("a")).toBe(1);
    ledger.applyChange("a", message(2, 2, 15)); // within the read: readThrough from the read event, not + 1
    expect(ledger.badge("a")).toBe(0);
    ledger.applyChange("a", message(3, 3, 25));
    expect(ledger.badge("a")).toBe(1);
    expect(heals).toEqual([]);
  });

  it("mark-unread moves the readThrough back", () => {
    const { ledger } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 2, total: 2, readThrough: 2, lastReadAt: at(20) });
    ledger.applyRead("a", { version: 2, total: 2, readThrough: 1, lastReadAt: at(14) }, true);
    expect(ledger.badge("a")).toBe(1);
  });

  it("a local read covers what is known at or before its position, not what came after", () => {
    const { ledger } = ledgerUnderTest();
    ledger.applySnapshot("a", { version: 2, total: 2, readThrough: 0, lastReadAt: null });
    ledger.applyChange("a", message(3, 3, 30));
    ledger.applyChange("a", message(4, 4, 50));
    ledger.readLocally("a", at(30));
    expect(ledger.badge("a")).toBe(1);
    ledger.readAllLocally(at(50));
    expect(ledger.badge("a")).toBe(0);
  });
});
