// Where the benchmark runs: BENCH_DATABASE_URL (a dedicated database, kept
// between runs so a dataset of the same scale is reused), an embedded PGlite
// when it is unset, and for --smoke always a fresh scratch database (on
// TEST_DATABASE_URL's server when set, else embedded) dropped afterwards.
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { freePort } from "../lib/free-port";
import { migrateDeploy } from "../lib/migrate";
import { createScratchDatabase } from "../lib/test-database";
import type { BenchOptions } from "./bench-options";

export type BenchDatabase = {
  url: string;
  kind: "postgres" | "pglite";
  /** For the report: where it ran, without credentials. */
  description: string;
  persistent: boolean;
  close(): Promise<void>;
};

function describe(url: string) {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

export async function openBenchDatabase(options: BenchOptions): Promise<BenchDatabase> {
  if (options.smoke) {
    const scratch = await createScratchDatabase({ label: "bench" });
    return {
      url: scratch.url,
      kind: scratch.kind,
      description: scratch.kind === "pglite" ? "embedded PGlite (scratch)" : `scratch database ${describe(scratch.url)}`,
      persistent: false,
      close: scratch.drop,
    };
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    await migrateDeploy(url, { quiet: true });
    return { url, kind: "postgres", description: `BENCH_DATABASE_URL ${describe(url)}`, persistent: true, close: async () => {} };
  }
  console.log("  database  BENCH_DATABASE_URL is unset: embedded PGlite in memory (single-threaded; prefer a real Postgres)");
  const embedded = await startEmbeddedPostgres({ port: await freePort() });
  await migrateDeploy(embedded.url, { quiet: true });
  return { url: embedded.url, kind: "pglite", description: "embedded PGlite (in memory)", persistent: false, close: embedded.stop };
}

export async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export async function serverVersion(db: pg.Client, kind: BenchDatabase["kind"]) {
  const { rows } = await db.query<{ version: string }>(`SELECT version()`);
  const version = rows[0].version.split(" on ")[0].split(",")[0];
  return kind === "pglite" ? `${version} (PGlite)` : version;
}
