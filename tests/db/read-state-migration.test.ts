// The read-state migration must start every existing conversation at zero
// unread for every member, and count what arrives afterwards.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/lib/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const migrations = readdirSync(migrationsDir)
  .filter((name) => /^\d+_/.test(name))
  .sort();
const readStateIndex = migrations.findIndex((name) => name.endsWith("_conversation_read_state"));

function migrationSql(name: string) {
  return readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
}

describe("conversation_read_state migration", () => {
  let scratch: ScratchDatabase;
  let db: pg.Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: false, label: "migration" });
    db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  it("is a separate step after the base schema", () => {
    expect(readStateIndex).toBeGreaterThan(0);
    for (const earlier of migrations.slice(0, readStateIndex)) {
      expect(migrationSql(earlier)).not.toContain("conversation_read_state");
    }
  });

  it("seeds zero unread for existing conversations and counts new messages", async () => {
    for (const name of migrations.slice(0, readStateIndex)) await db.query(migrationSql(name));

    const org = await db.query<{ id: string }>(
      `INSERT INTO organization (name, slug) VALUES ('Mig', 'mig') RETURNING id`,
    );
    const orgId = org.rows[0].id;
    const users = await db.query<{ id: string }>(
      `INSERT INTO "user" (email, name) VALUES ('a@mig.test', 'A'), ('b@mig.test', 'B') RETURNING id`,
    );
    for (const user of users.rows) {
      await db.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'agent')`, [
        user.id,
        orgId,
      ]);
    }
    const contacts = await db.query<{ id: string }>(
      `INSERT INTO contact (organization_id, name) VALUES ($1, 'With history'), ($1, 'Outbound only'), ($1, 'Empty')
       RETURNING id`,
      [orgId],
    );
    const [withHistory, outboundOnly] = contacts.rows.map((row) => row.id);
    await db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body, created_at)
       SELECT $1, $2, 'inbound', 'chat', 'old message ' || n, now() - (n || ' hours')::interval
       FROM generate_series(1, 5) n`,
      [orgId, withHistory],
    );
    await db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body) VALUES ($1, $2, 'outbound', 'chat', 'hi')`,
      [orgId, outboundOnly],
    );

    for (const name of migrations.slice(readStateIndex)) await db.query(migrationSql(name));

    const contactIds = contacts.rows.map((row) => row.id);
    for (const user of users.rows) {
      expect(await oracleUnreadCounts(db, user.id, orgId, contactIds)).toEqual({});
    }
    const seeded = await db.query(`SELECT user_id, contact_id FROM conversation_read_state`);
    // One row per member for the one contact with inbound history.
    expect(seeded.rowCount).toBe(2);

    await db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body, created_at)
       VALUES ($1, $2, 'inbound', 'chat', 'new after migration', clock_timestamp() + interval '1 millisecond')`,
      [orgId, withHistory],
    );
    for (const user of users.rows) {
      expect(await oracleUnreadCounts(db, user.id, orgId, contactIds)).toEqual({ [withHistory]: 1 });
    }
  });
});
