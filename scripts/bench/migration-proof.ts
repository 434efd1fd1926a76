// `npm run bench:migration -- [--scale N]`: read model v2's migration on the
// benchmark dataset (issue 11, item 6). A fresh database gets every migration
// before v2 and the dataset (through read model v1's triggers); every (member,
// contact) count of v1 is recorded; v2 is applied as `prisma migrate deploy`
// would, with its progress; then every count must be identical, and equal to
// the oracle. Exits non-zero otherwise.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createScratchDatabase } from "../lib/test-database";
import { planDataset } from "./dataset-plan";
import { assertAllCountersExact } from "./exactness";
import { generateDataset } from "./generate-dataset";

const argv = process.argv.slice(2);
const scaleIndex = argv.indexOf("--scale");
const scale = scaleIndex >= 0 ? Number(argv[scaleIndex + 1]) : 1;
if (!(scale > 0 && scale <= 1)) {
  console.error("Usage: npm run bench:migration -- [--scale <0 < n <= 1>]");
  process.exit(2);
}
const migrationsDir = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
const migrations = readdirSync(migrationsDir).filter((name) => /^\d+_/.test(name)).sort();
const v2 = migrations.findIndex((name) => name.endsWith("_read_model_v2"));
const sql = (name: string) => readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

const scratch = await createScratchDatabase({ migrate: false, label: "migration" });
const db = new pg.Client({ connectionString: scratch.url });
await db.connect();
let exitCode = 0;
try {
  console.log(`Read model v2 migration on the benchmark dataset (scale ${scale}, ${scratch.kind})`);
  for (const name of migrations.slice(0, v2)) await db.query(sql(name));
  const dataset = await generateDataset(db, planDataset(scale));
  let step = Date.now();
  const before = new Map<string, number>();
  const counters = await db.query<{ user_id: string; contact_id: string; unread_count: number }>(
    `SELECT user_id, contact_id, unread_count FROM unread_counter`,
  );
  for (const row of counters.rows) before.set(`${row.user_id}/${row.contact_id}`, row.unread_count);
  console.log(`  before    ${before.size.toLocaleString("en")} (member, contact) counts recorded from read model v1 (${seconds(step)})`);

  step = Date.now();
  db.on("notice", (notice) => console.log(`  migration ${notice.message}`));
  for (const name of migrations.slice(v2)) await db.query(sql(name));
  console.log(`  migrated  in ${seconds(step)}`);

  step = Date.now();
  const after = await db.query<{ user_id: string; contact_id: string; unread_count: number }>(
    `SELECT mb.user_id, c.id AS contact_id, c.counted_total - COALESCE(crs.read_through, 0) AS unread_count
     FROM membership mb JOIN contact c ON c.organization_id = mb.organization_id
     LEFT JOIN conversation_read_state crs ON crs.user_id = mb.user_id AND crs.contact_id = c.id`,
  );
  const differing = after.rows.filter((row) => before.get(`${row.user_id}/${row.contact_id}`) !== row.unread_count);
  const unread = after.rows.reduce((sum, row) => sum + row.unread_count, 0);
  console.log(
    `  after     ${after.rows.length.toLocaleString("en")} counts (${unread.toLocaleString("en")} unread in all): ` +
      `${differing.length} differ from before (${seconds(step)})`,
  );
  if (differing.length > 0 || after.rows.length !== before.size) exitCode = 1;
  step = Date.now();
  const pairs = await assertAllCountersExact(db, dataset.organizationId);
  console.log(`  oracle    all ${pairs.toLocaleString("en")} counts equal the oracle (${seconds(step)})`);
  const storage = await db.query<{ bytes: string }>(`SELECT pg_total_relation_size('unread_counter') AS bytes`).catch(() => null);
  console.log(`  storage   unread_counter ${storage ? "still exists" : "dropped"}; ${dataset.totalMessages.toLocaleString("en")} messages`);
} catch (error) {
  exitCode = 1;
  console.error("migration proof failed:", error instanceof Error ? error.message : error);
} finally {
  await db.end().catch(() => undefined);
  await scratch.drop().catch(() => undefined);
}
console.log(exitCode === 0 ? `identical: done in ${seconds(started)}` : "FAILED");
process.exit(exitCode);
