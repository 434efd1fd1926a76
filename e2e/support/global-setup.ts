import { readFileSync } from "node:fs";
import { E2E_STACK_FILE } from "./e2e-env";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/**
 * The suite writes to its database freely (webhooks, reads, deletions): refuse
 * to run against anything that is not on this machine.
 */
export default async function globalSetup() {
  const stack = JSON.parse(readFileSync(E2E_STACK_FILE, "utf8")) as { databaseUrl: string };
  const host = new URL(stack.databaseUrl).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run the e2e suite against a non-local database (${host}).`);
  }
}
