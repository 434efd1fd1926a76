// @vitest-environment node
import { getTestPrisma } from "../support/test-database";
import { beforeAll, describe, expect, it } from "vitest";

import { verifyPassword } from "../../lib/auth/password";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../dev/demo/demo-accounts";
import { demoUuid, seedDemoData, type SeedDemoDataResult } from "../../dev/demo/seed-demo-data";
import type { PrismaClient } from "../../lib/generated/prisma/client";

let prisma: PrismaClient;
let first: SeedDemoDataResult;
let second: SeedDemoDataResult;
let rowsAfterFirst: string;
let rowsAfterSecond: string;
let orgIds: Record<"acme" | "globex", string>;
let userIds: Record<string, string>;

/** Every demo row, ids and timestamps included, in a stable order. */
async function snapshotDemoRows(db: PrismaClient) {
  const orgs = await db.organization.findMany({ where: { slug: { in: ["acme", "globex"] } }, orderBy: { id: "asc" } });
  const inOrgs = { organizationId: { in: orgs.map((org) => org.id) } };
  const tables = await Promise.all([
    db.user.findMany({ where: { memberships: { some: inOrgs } }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: inOrgs, orderBy: { id: "asc" } }),
    db.contact.findMany({ where: inOrgs, orderBy: { id: "asc" } }),
    db.message.findMany({ where: inOrgs, orderBy: { id: "asc" } }),
    db.conversationReadState.findMany({ where: inOrgs, orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify([orgs, ...tables]);
}

/** Badge per contact name, exactly as the sidebar counts unread messages. */
async function unreadByContact(userId: string, organizationId: string): Promise<Record<string, number>> {
  const rows = await prisma.$queryRaw<{ name: string; unread: number }[]>`
    SELECT c.name, COUNT(m.id)::int AS unread
    FROM contact c
    LEFT JOIN conversation_read_state crs ON crs.contact_id = c.id AND crs.user_id = ${userId}::uuid
    LEFT JOIN message m ON m.contact_id = c.id AND m.direction = 'inbound' AND m.kind <> 'system'
      AND m.deleted_at IS NULL AND m.created_at > COALESCE(crs.last_read_at, 'epoch')
    WHERE c.organization_id = ${organizationId}::uuid
    GROUP BY c.id, c.name`;
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.unread)]));
}

function nonZero(map: Record<string, number>) {
  return Object.keys(map).filter((name) => map[name] > 0);
}

beforeAll(async () => {
  prisma = await getTestPrisma();
  const now = new Date();
  first = await seedDemoData(prisma, { now });
  rowsAfterFirst = await snapshotDemoRows(prisma);
  // A later run (a day later, say) must not move or add anything.
  second = await seedDemoData(prisma, { now: new Date(now.getTime() + 24 * 60 * 60 * 1000) });
  rowsAfterSecond = await snapshotDemoRows(prisma);

  const orgs = await prisma.organization.findMany({ where: { slug: { in: ["acme", "globex"] } } });
  orgIds = Object.fromEntries(orgs.map((org) => [org.slug, org.id])) as typeof orgIds;
  const users = await prisma.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
  userIds = Object.fromEntries(users.map((user) => [user.email, user.id]));
}, 60_000);

describe("seedDemoData", () => {
  it("is idempotent: a second run leaves exactly the same rows", () => {
    expect(second).toEqual(first);
    expect(rowsAfterSecond).toBe(rowsAfterFirst);
  });

  it("creates the demo organizations, accounts and a realistic inbox", async () => {
    expect(first.organizations).toBe(2);
    expect(first.users).toBe(5);
    expect(await prisma.contact.count({ where: { organizationId: orgIds.acme } })).toBeGreaterThanOrEqual(25);
    expect(await prisma.contact.count({ where: { organizationId: orgIds.globex } })).toBeGreaterThanOrEqual(5);
    expect(first.messages).toBeGreaterThan(100);
    expect(first.readStates).toBeGreaterThan(0);

    const inOrgs = { organizationId: { in: [orgIds.acme, orgIds.globex] } };
    for (const kind of ["post", "task", "system"] as const) {
      expect(await prisma.message.count({ where: { ...inOrgs, kind } })).toBeGreaterThan(0);
    }
    expect(await prisma.message.count({ where: { ...inOrgs, deletedAt: { not: null } } })).toBeGreaterThan(0);
    expect(await prisma.message.count({ where: { ...inOrgs, direction: "outbound", authorUserId: null } })).toBe(0);
    // A contact with no messages has no last message; the others got theirs from the trigger.
    const contacts = await prisma.contact.findMany({ where: inOrgs, include: { _count: { select: { messages: true } } } });
    for (const contact of contacts) {
      expect(contact.lastMessageAt === null).toBe(contact._count.messages === 0);
    }
    expect(contacts.some((contact) => contact._count.messages === 0)).toBe(true);
  });

  it("gives alice and bob different mixes of zero and non-zero badges", async () => {
    const alice = await unreadByContact(userIds["alice@acme.test"], orgIds.acme);
    const bob = await unreadByContact(userIds["bob@acme.test"], orgIds.acme);

    for (const map of [alice, bob]) {
      expect(nonZero(map).length).toBeGreaterThanOrEqual(8);
      expect(Object.values(map).filter((count) => count === 0).length).toBeGreaterThanOrEqual(1);
    }
    expect(alice).not.toEqual(bob);
    expect(Math.max(...Object.values(alice))).toBeGreaterThanOrEqual(12);
    expect(nonZero(alice).some((name) => bob[name] === 0)).toBe(true);
    expect(nonZero(bob).some((name) => alice[name] === 0)).toBe(true);
  });

  it("keeps Globex separate from Acme", async () => {
    const dave = await unreadByContact(userIds["dave@globex.test"], orgIds.globex);
    expect(nonZero(dave).length).toBeGreaterThanOrEqual(1);
    expect(Object.values(dave).some((count) => count === 0)).toBe(true);

    const memberships = await prisma.membership.findMany({
      where: { organizationId: { in: [orgIds.acme, orgIds.globex] } },
      include: { user: true },
    });
    const membersOf = (orgId: string) =>
      memberships.filter((m) => m.organizationId === orgId).map((m) => m.user.email).sort();
    // Olivia belongs to both (the organization switcher); nobody else crosses over.
    expect(membersOf(orgIds.acme)).toEqual(["alice@acme.test", "bob@acme.test", "olivia@example.test", "vera@acme.test"]);
    expect(membersOf(orgIds.globex)).toEqual(["dave@globex.test", "olivia@example.test"]);

    // Globex messages are written by Dave only, and never point at Acme contacts.
    const globexAuthors = await prisma.message.findMany({
      where: { organizationId: orgIds.globex, authorUserId: { not: null } },
      distinct: ["authorUserId"],
      select: { authorUserId: true },
    });
    expect(globexAuthors.map((m) => m.authorUserId)).toEqual([userIds["dave@globex.test"]]);
    const crossed = await prisma.message.count({
      where: { organizationId: orgIds.globex, contact: { organizationId: { not: orgIds.globex } } },
    });
    expect(crossed).toBe(0);
    const crossedReads = await prisma.conversationReadState.count({
      where: { organizationId: orgIds.globex, contact: { organizationId: { not: orgIds.globex } } },
    });
    expect(crossedReads).toBe(0);
  });

  it("puts Olivia in both organizations, so the switcher is seen (issue 14)", async () => {
    const memberships = await prisma.membership.findMany({ where: { userId: userIds["olivia@example.test"] } });
    expect(memberships.map((membership) => membership.organizationId).sort()).toEqual([orgIds.acme, orgIds.globex].sort());
  });

  it("lets every demo account sign in with the demo password", async () => {
    const users = await prisma.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
    expect(users).toHaveLength(5);
    for (const user of users) {
      expect(user.passwordHash).not.toBeNull();
      expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
      expect(await verifyPassword("not-the-password", user.passwordHash!)).toBe(false);
    }
  });

  it("derives stable v4-formatted ids", () => {
    expect(demoUuid("contact:acme:maria-gonzalez")).toBe(demoUuid("contact:acme:maria-gonzalez"));
    expect(demoUuid("contact:acme:maria-gonzalez")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
