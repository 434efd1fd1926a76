import { inject } from "vitest";
import { createPrismaClient, setPrismaForProcess, type Database } from "@/lib/db/prisma";

let client: Database | undefined;

/** The Prisma client of this test run's fresh database, shared with the app code under test. */
export function getTestPrisma(): Database {
  if (!client) {
    client = createPrismaClient(inject("databaseUrl"), { poolSize: 10 });
    setPrismaForProcess(client);
  }
  return client;
}

export function testDatabaseKind() {
  return inject("databaseKind");
}
