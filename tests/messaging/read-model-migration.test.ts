// Read model v2's migration from v1 (per-member counters): every (member,
// contact) count is identical before and after, and equal to the oracle; a v1
// that had drifted stops the migration with nothing changed. TRUNCATE keeps the
// new model exact. Runs on its own scratch database: it applies migrations step
// by step and truncates.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/lib/test-database";
import { oracleUnreadCounts } from "../support/unread-oracle";
import { connectRaw, counterMismatches } from "./unread-counters-support";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const migrations = readdirSync(migrationsDir)
  .filter((name) => /^\d+_/.test(name))
  .sort();
const v2Index = migrations.findIndex((name) => name.endsWith("_read_model_v2"));
const migrationSql = (name: string) => readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

type Counts = Map<string, number>;

describe("read model v2 migration", () => {
  let scratch: ScratchDatabase;
  let db: pg.Client;
  const orgs: string[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: false, label: "readmodel" });
    db = await connectRaw(scratch.url);
  });
  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  const expectExact = async () => {
    for (const organizationId of orgs) expect(await counterMismatches(db, organizationId)).toEqual([]);
  };
  /** Every (member, contact) count as v1 stored it, and as the oracle computes it. */
  const snapshot = async (): Promise<{ stored: Counts; oracle: Counts }> => {
    const stored: Counts = new Map();
    const { rows } = await db.query<{ user_id: string; contact_id: string; unread_count: number }>(
      `SELECT user_id, contact_id, unread_count FROM unread_counter`,
    );
    for (const row of rows) stored.set(`${row.user_id}/${row.contact_id}`, row.unread_count);
    const oracle: Counts = new Map();
    for (const organizationId of orgs) {
      const members = await db.query<{ user_id: string }>(`SELECT user_id FROM membership WHERE organization_id = $1`, [organizationId]);
      const contacts = (await db.query<{ id: string }>(`SELECT id FROM contact WHERE organization_id = $1`, [organizationId])).rows.map((r) => r.id);
      for (const { user_id } of members.rows) {
        const counts = await oracleUnreadCounts(db, user_id, organizationId, contacts);
        for (const contactId of contacts) oracle.set(`${user_id}/${contactId}`, counts[contactId] ?? 0);
      }
    }
    return { stored, oracle };
  };
  const countsAfter = async (): Promise<Counts> => {
    const { rows } = await db.query<{ user_id: string; contact_id: string; unread_count: number }>(
      `SELECT mb.user_id, c.id AS contact_id, c.counted_total - COALESCE(crs.read_through, 0) AS unread_count
       FROM membership mb JOIN contact c ON c.organization_id = mb.organization_id
       LEFT JOIN conversation_read_state crs ON crs.user_id = mb.user_id AND crs.contact_id = c.id`,
    );
    return new Map(rows.map((row) => [`${row.user_id}/${row.contact_id}`, row.unread_count]));
  };

  it("comes after read model v1", () => {
    expect(v2Index).toBeGreaterThan(migrations.findIndex((name) => name.endsWith("_unread_counters")));
  });

  it("keeps every (member, contact) count identical, refusing a drifted v1", async () => {
    for (const name of migrations.slice(0, v2Index)) await db.query(migrationSql(name));
    for (const slug of ["one", "two"]) {
      const { rows } = await db.query<{ id: string }>(`INSERT INTO organization (name, slug) VALUES ($1, $1) RETURNING id`, [slug]);
      orgs.push(rows[0].id);
      await db.query(
        `WITH users AS (
           INSERT INTO "user" (email, name) SELECT $2 || n || '@mig.test', 'U' || n FROM generate_series(1, 3) n RETURNING id)
         INSERT INTO membership (user_id, organization_id, role) SELECT id, $1, 'agent' FROM users`,
        [rows[0].id, slug],
      );
      await db.query(`INSERT INTO contact (organization_id, name) SELECT $1, 'C' || n FROM generate_series(1, 5) n`, [rows[0].id]);
      // Every direction, kind and deletion state, spread over ten days.
      await db.query(
        `INSERT INTO message (organization_id, contact_id, direction, kind, body, created_at, deleted_at)
         SELECT c.organization_id, c.id,
                (ARRAY['inbound', 'inbound', 'outbound']::message_direction[])[1 + n % 3],
                (ARRAY['chat', 'post', 'task', 'system', 'chat']::message_kind[])[1 + n % 5],
                'm' || n, now() - (n || ' hours')::interval,
                CASE WHEN n % 7 = 0 THEN now() END
         FROM contact c CROSS JOIN generate_series(1, 240) n WHERE c.organization_id = $1`,
        [rows[0].id],
      );
      // Read positions for some pairs only (the others count everything).
      await db.query(
        `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at)
         SELECT c.organization_id, m.user_id, c.id, now() - ((row_number() OVER ()) * 13 || ' hours')::interval
         FROM contact c JOIN membership m ON m.organization_id = c.organization_id
         WHERE c.organization_id = $1 AND c.name <> 'C1'
         ON CONFLICT (user_id, contact_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at`,
        [rows[0].id],
      );
    }
    // A member who left keeps a read state; v2 must carry it too.
    await db.query(`DELETE FROM membership WHERE user_id = (SELECT id FROM "user" WHERE email = 'one1@mig.test')`);
    const before = await snapshot();
    expect(before.stored.size).toBe(2 * 3 * 5 - 5);
    expect([...before.stored.values()].some((count) => count > 0)).toBe(true);
    expect(before.stored).toEqual(before.oracle);

    // A v1 counter that drifted: the migration refuses and leaves v1 as it was.
    await db.query(`BEGIN`);
    await db.query(`UPDATE unread_counter SET unread_count = unread_count + 1 WHERE ctid = (SELECT min(ctid) FROM unread_counter)`);
    await expect(db.query(migrationSql(migrations[v2Index]))).rejects.toThrow(/1 \(member, contact\) counts differ/);
    await db.query(`ROLLBACK`);
    expect((await snapshot()).stored).toEqual(before.stored);

    const notices: string[] = [];
    db.on("notice", (notice) => notices.push(notice.message ?? ""));
    for (const name of migrations.slice(v2Index)) await db.query(migrationSql(name));
    expect(notices.some((line) => /read model v2: 10 of 10 contacts backfilled/.test(line))).toBe(true);
    const after = await countsAfter();
    expect(after).toEqual(before.stored);
    await expectExact();
    expect((await db.query(`SELECT to_regclass('unread_counter') AS t`)).rows[0].t).toBeNull();

    await db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body)
       SELECT organization_id, id, 'inbound', 'chat', 'after' FROM contact`,
    );
    await expectExact();
  });

  it("keeps counts right through TRUNCATE", async () => {
    await db.query(`TRUNCATE conversation_read_state`);
    await expectExact();
    await db.query(`TRUNCATE message`);
    await expectExact();
    await db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body)
       SELECT organization_id, id, 'inbound', 'task', 'again' FROM contact`,
    );
    await expectExact();
    await db.query(`TRUNCATE membership`);
    await expectExact();
  });
});
