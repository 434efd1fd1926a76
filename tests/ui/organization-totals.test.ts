// Other organizations' totals for the switcher (issue 14, item 4), counted
// from events alone.
import { describe, expect, it } from "vitest";
import { createOrganizationTotals } from "@/lib/inbox/organization-totals";

const ORG = "00000000-0000-4000-8000-00000000000b";
const at = (minutes: number) => new Date(Date.parse("2026-03-02T12:00:00Z") + minutes * 60_000).toISOString();
const counted = (id: string, contactId: string, minutes: number, change: -1 | 0 | 1 = 1) => ({
  id,
  contactId,
  contactName: "X",
  direction: "inbound" as const,
  kind: "chat" as const,
  preview: "p",
  createdAt: at(minutes),
  countedTotal: 0,
  countedVersion: 0,
  countedChange: change,
});

function totals() {
  return createOrganizationTotals([
    {
      organizationId: ORG,
      contacts: [
        { contactId: "a", unread: 2, lastReadAt: at(0), muted: false },
        { contactId: "m", unread: 5, lastReadAt: null, muted: true },
      ],
    },
  ]);
}

describe("organization totals", () => {
  it("adds new counted messages once each, and leaves muted conversations out", () => {
    const store = totals();
    expect(store.total(ORG)).toBe(2);
    store.messageNew(ORG, counted("m1", "b", 5));
    store.messageNew(ORG, counted("m1", "b", 5)); // the same event twice: once
    store.messageNew(ORG, counted("m2", "m", 6));
    store.messageNew(ORG, { ...counted("m3", "b", 7, 0), direction: "outbound" });
    expect(store.total(ORG)).toBe(3);
    expect(store.total("unknown")).toBeUndefined();
  });

  it("subtracts a removed message only when it was after the read position", () => {
    const store = totals();
    store.messageRemoved(ORG, { id: "old", contactId: "a", createdAt: at(-1), countedTotal: 0, countedVersion: 0, countedChange: -1 });
    expect(store.total(ORG)).toBe(2);
    store.messageRemoved(ORG, { id: "new", contactId: "a", createdAt: at(1), countedTotal: 0, countedVersion: 0, countedChange: -1 });
    expect(store.total(ORG)).toBe(1);
  });

  it("follows reads, mark-unread, read-all and mute from the user channel", () => {
    const store = totals();
    const read = { organizationId: ORG, readThrough: 0, countedTotal: 0, countedVersion: 0 };
    store.read({ ...read, contactId: "a", lastReadAt: at(3), unreadCount: 0 });
    expect(store.total(ORG)).toBe(0);
    store.read({ ...read, contactId: "a", lastReadAt: at(2), unreadCount: 1 });
    expect(store.total(ORG)).toBe(1);
    store.muted({ organizationId: ORG, contactId: "m", muted: false, unreadCount: 5 });
    expect(store.total(ORG)).toBe(6);
    store.read({ organizationId: ORG, contactId: null, scope: "all", lastReadAt: at(9), unreadCount: 0 });
    expect(store.total(ORG)).toBe(0);
    store.setActive(ORG, 4); // the organization this page's inbox shows counts itself
    expect(store.total(ORG)).toBe(4);
  });
});

describe("seeding from a later snapshot", () => {
  it("adds the organizations it does not know, and keeps what events already moved in those it does", () => {
    const totals = createOrganizationTotals();
    expect(totals.total(ORG)).toBeUndefined();
    totals.seed([{ organizationId: ORG, contacts: [{ contactId: "c1", unread: 2, lastReadAt: at(0), muted: false }] }]);
    expect(totals.total(ORG)).toBe(2);
    totals.messageNew(ORG, counted("m-seed", "c1", 5));
    totals.seed([{ organizationId: ORG, contacts: [{ contactId: "c1", unread: 2, lastReadAt: at(0), muted: false }] }]);
    expect(totals.total(ORG)).toBe(3);
  });
});
