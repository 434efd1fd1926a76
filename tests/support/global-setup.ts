import type { TestProject } from "vitest/node";
import { createScratchDatabase } from "../../scripts/lib/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgres" | "pglite";
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const database = await createScratchDatabase({ label: "unit" });
  console.log(`[tests] fresh ${database.kind} database migrated in ${Date.now() - started} ms`);
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", database.kind);
  return async () => {
    await database.drop();
  };
}
