// CLI-only driver adapter for `prisma migrate`. The app never imports this file.
import { randomUUID } from "node:crypto";
import pg from "pg";
// @ts-expect-error pg ships no types for its internal Result class.
import PgResult from "pg/lib/result.js";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
// `name` (19) and `"char"` (18) are what the schema engine reads from the
// catalog; adapter-pg 6.19 cannot map them (prisma/orm#27403). Both are plain
// text on the wire, so relabelling them as text is lossless.
const CATALOG_TEXT_OIDS = new Set([18, 19]);

let patched = false;
function relabelCatalogTextTypes() {
  if (patched) return;
  patched = true;
  const proto = (PgResult as { prototype: { addFields: (fields: { dataTypeID: number }[]) => void } })
    .prototype;
  const original = proto.addFields;
  proto.addFields = function addFields(fields) {
    for (const field of fields) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return original.call(this, fields);
  };
}

type ScriptRunner = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool };

/**
 * adapter-pg 6.19 splits a migration on every ";", which breaks function
 * bodies ($$ ... $$). One simple-protocol query runs the whole file as Postgres
 * parses it, and atomically (an implicit transaction). A long migration's
 * RAISE NOTICE lines are its progress report: they go to stderr as they come.
 */
function runScriptsWhole<T extends ScriptRunner>(adapter: T): T {
  adapter.executeScript = async (script: string) => {
    const client = await adapter.underlyingDriver().connect();
    const report = (notice: { message?: string }) => process.stderr.write(`  migration  ${notice.message ?? ""}\n`);
    client.on("notice", report);
    try {
      await client.query(script);
    } finally {
      client.off("notice", report);
      client.release();
    }
  };
  return adapter;
}

/**
 * adapter-pg's own shadow database reuses the main database when built from a
 * connection string and drops the shadow before closing its pool (the DROP then
 * fails on open connections). This one creates a real temporary database and
 * ends its pool first.
 */
class MigrationAdapterFactory extends PrismaPg {
  constructor(private readonly connectionString: string) {
    // Let the CLI exit as soon as it is done instead of waiting out idle connections.
    super({ connectionString, allowExitOnIdle: true });
  }

  override async connect() {
    return runScriptsWhole(await super.connect());
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();

    const url = new URL(this.connectionString);
    url.pathname = `/${database}`;
    const shadowPool = new pg.Pool({ connectionString: url.toString(), allowExitOnIdle: true });
    const shadow = runScriptsWhole(await new PrismaPg(shadowPool).connect());
    const connectionString = this.connectionString;
    const originalDispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await originalDispose();
      await shadowPool.end().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}"`);
      await cleanup.end();
    };
    return shadow;
  }
}

export function createMigrationAdapter(databaseUrl: string | undefined) {
  if (!databaseUrl) {
    throw new Error(
      "DATABASE_URL is not set. `npm run dev` starts an embedded database and sets it for you; for the Prisma CLI, export it first.",
    );
  }
  relabelCatalogTextTypes();
  return new MigrationAdapterFactory(databaseUrl);
}
