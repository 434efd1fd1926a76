// Fresh, migrated databases for test runs: a new database on TEST_DATABASE_URL's
// server when one is given (CI: the machine's Postgres), otherwise an in-memory
// embedded PGlite, so `npm test` needs no installed Postgres.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { freePort } from "./free-port";
import { migrateDeploy } from "./migrate";

export type ScratchDatabase = { url: string; kind: "postgres" | "pglite"; drop(): Promise<void> };

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests create and drop databases: refuse anything that is not on this machine. */
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to use a non-local database for tests (host ${host}).`);
  }
}

export async function createScratchDatabase(
  options: { migrate?: boolean; label?: string } = {},
): Promise<ScratchDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let scratch: ScratchDatabase;
  if (serverUrl) {
    assertLocalDatabase(serverUrl);
    const name = `badger_${options.label ?? "test"}_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    scratch = {
      url: url.toString(),
      kind: "postgres",
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  } else {
    const embedded = await startEmbeddedPostgres({ port: await freePort() });
    scratch = { url: embedded.url, kind: "pglite", drop: () => embedded.stop() };
  }
  if (options.migrate !== false) await migrateDeploy(scratch.url, { quiet: true });
  return scratch;
}
