// The counters migration backfills exact counters for data that already
// exists, and TRUNCATE (which fires no row triggers) keeps them right. Runs on
// its own scratch database: it applies migrations step by step and truncates.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/lib/test-database";
import { connectRaw, counterMismatches } from "./unread-counters-support";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");
const migrations = readdirSync(migrationsDir)
  .filter((name) => /^\d+_/.test(name))
  .sort();
const countersIndex = migrations.findIndex((name) => name.endsWith("_unread_counters"));
const migrationSql = (name: string) => readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

describe("unread_counter migration", () => {
  let scratch: ScratchDatabase;
  let db: pg.Client;
  const orgs: string[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrate: false, label: "counters" });
    db = await connectRaw(scratch.url);
  });
  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  const expectExact = async () => {
    for (const organizationId of orgs) expect(await counterMismatches(db, organizationId)).toEqual([]);
  };

  it("comes after the read-state migration", () => {
    expect(countersIndex).toBeGreaterThan(migrations.findIndex((name) => name.endsWith("_conversation_read_state")));
  });

  it("backfills existing data exactly, then keeps it exact", async () => {
    for (const name of migrations.slice(0, countersIndex)) await db.query(migrationSql(name));
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
      // Read positions for some pairs only (the others use the epoch fallback).
      await db.query(
        `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at)
         SELECT c.organization_id, m.user_id, c.id, now() - ((row_number() OVER ()) * 13 || ' hours')::interval
         FROM contact c JOIN membership m ON m.organization_id = c.organization_id
         WHERE c.organization_id = $1 AND c.name <> 'C1'
         ON CONFLICT (user_id, contact_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at`,
        [rows[0].id],
      );
    }
    for (const name of migrations.slice(countersIndex)) await db.query(migrationSql(name));
    const { rows } = await db.query<{ n: number; unread: number }>(
      `SELECT count(*)::int AS n, sum(unread_count)::int AS unread FROM unread_counter`,
    );
    expect(rows[0].n).toBe(2 * 3 * 5);
    expect(rows[0].unread).toBeGreaterThan(0);
    await expectExact();

    await db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body)
       SELECT organization_id, id, 'inbound', 'chat', 'after' FROM contact`,
    );
    await expectExact();
  });

  it("keeps counters right through TRUNCATE", async () => {
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
    expect((await db.query(`SELECT 1 FROM unread_counter`)).rowCount).toBe(0);
  });
});
