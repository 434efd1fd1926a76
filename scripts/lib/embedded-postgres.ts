// Embedded Postgres for the zero-setup default: PGlite (Postgres compiled to
// WebAssembly) served over TCP, so the app, the Prisma CLI and the tests use
// the same `pg` wire-protocol path as a real server.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = {
  url: string;
  port: number;
  stop(): Promise<void>;
};

/** `dataDir` undefined keeps the database in memory (tests). */
export async function startEmbeddedPostgres(options: {
  dataDir?: string;
  port: number;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? "memory://");
  const server = new PGLiteSocketServer({
    db,
    port: options.port,
    host: "127.0.0.1",
    // Prisma's pool, the migration CLI and seed scripts connect at once;
    // PGlite queues their queries on its single backend.
    maxConnections: options.maxConnections ?? 20,
  });
  await server.start();
  return {
    port: options.port,
    url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
