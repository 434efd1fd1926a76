// Property: for any mix of users, contacts, messages (every direction, kind
// and deletion state) and read positions, the unread-counts endpoint equals
// the reference oracle query for every contact and every user.
import fc from "fast-check";
import pg from "pg";
import { inject } from "vitest";
import { addMessages, createOrganization } from "../support/fixtures";
import { apiAs } from "../support/in-process-fetch";
import { getTestPrisma } from "../support/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";

const db = getTestPrisma();
const BASE = Date.parse("2026-01-01T00:00:00Z");

const messageArbitrary = (contacts: number) =>
  fc.record({
    contact: fc.nat({ max: contacts - 1 }),
    direction: fc.constantFrom("inbound", "inbound", "outbound" as const),
    kind: fc.constantFrom("chat", "chat", "post", "task", "system" as const),
    minute: fc.nat({ max: 200 }),
    deleted: fc.boolean(),
  });

const scenarioArbitrary = fc
  .record({ users: fc.integer({ min: 1, max: 4 }), contacts: fc.integer({ min: 1, max: 8 }) })
  .chain(({ users, contacts }) =>
    fc.record({
      users: fc.constant(users),
      contacts: fc.constant(contacts),
      messages: fc.array(messageArbitrary(contacts), { maxLength: 60 }),
      // a read position per (user, contact), or none (the epoch fallback)
      readMinutes: fc.array(fc.array(fc.option(fc.nat({ max: 210 }), { nil: undefined }), { minLength: contacts, maxLength: contacts }), {
        minLength: users,
        maxLength: users,
      }),
    }),
  );

describe("unread counts equal the oracle on random data", () => {
  let oracleDb: pg.Client;
  beforeAll(async () => {
    oracleDb = new pg.Client({ connectionString: inject("databaseUrl") });
    await oracleDb.connect();
  });
  afterAll(async () => {
    await oracleDb.end();
  });

  it("for every user and contact", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const members = Object.fromEntries(Array.from({ length: scenario.users }, (_, index) => [`u${index}`, "agent" as const]));
        const org = await createOrganization(db, { members, contacts: scenario.contacts });
        await addMessages(
          db,
          org.organizationId,
          scenario.messages.map((message) => ({
            contactId: org.contactIds[message.contact],
            direction: message.direction,
            kind: message.kind,
            createdAt: new Date(BASE + message.minute * 60_000),
            deletedAt: message.deleted ? new Date() : null,
          })),
        );
        const users = Object.values(org.users);
        const readStates = users.flatMap((user, userIndex) =>
          scenario.readMinutes[userIndex].flatMap((minute, contactIndex) =>
            minute === undefined
              ? []
              : [{ organizationId: org.organizationId, userId: user.id, contactId: org.contactIds[contactIndex], lastReadAt: new Date(BASE + minute * 60_000) }],
          ),
        );
        await db.conversationReadState.createMany({ data: readStates });

        for (const user of users) {
          const { api } = await apiAs({ userId: user.id, organizationId: org.organizationId });
          const { counts } = await api.unreadCounts(org.contactIds);
          const expected = await oracleUnreadCounts(oracleDb, user.id, org.organizationId, org.contactIds);
          expect(counts).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
