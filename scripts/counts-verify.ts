// `npm run counts:verify -- [--org ID] [--repair]`: compares every unread
// count of the read model with the counting rule, for every member and contact
// (of one organization with --org), prints how many differ, and exits 1 on
// drift. --repair rebuilds exactly the drifted contacts, online, in batches
// that each hold their contacts' locks for one short transaction.
import { isUuid } from "@/lib/shared/uuid";
import path from "node:path";
import pg from "pg";
import { loadEnvFiles } from "./lib/load-env-files";
import { verifyReadModel } from "./read-model/verify-read-model";

loadEnvFiles(path.resolve(import.meta.dirname, ".."));
const argv = process.argv.slice(2);
const repair = argv.includes("--repair");
const orgIndex = argv.indexOf("--org");
const organizationId = orgIndex >= 0 ? argv[orgIndex + 1] : undefined;
const unknown = argv.filter((arg, index) => !["--repair", "--org"].includes(arg) && index !== orgIndex + 1);

if (unknown.length > 0 || (orgIndex >= 0 && !isUuid(organizationId ?? ""))) {
  console.error("Usage: npm run counts:verify -- [--org <organization uuid>] [--repair]");
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is not set: point it at the database to check (the embedded one is printed by `npm run dev`).");
  process.exit(2);
}

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const started = performance.now();
try {
  console.log(`Read model check${organizationId ? ` of organization ${organizationId}` : ""}${repair ? ", repairing" : ""}:`);
  const report = await verifyReadModel(client, { organizationId, repair, log: (line) => console.log(line) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${report.contacts.toLocaleString("en")} contacts and ${report.pairs.toLocaleString("en")} (member, contact) counts ` +
      `checked in ${seconds} s: ${report.driftedPairs.toLocaleString("en")} differ ` +
      `(${report.driftedContacts} contacts, ${report.driftedStates} read states)` +
      (repair ? `; ${report.repairedContacts} contacts rebuilt.` : "."),
  );
  if (report.driftedContacts > 0 && !repair) {
    console.log("Run again with --repair to rebuild them.");
    process.exitCode = 1;
  }
  if (repair && report.repairedContacts > 0) {
    const recheck = await verifyReadModel(client, { organizationId, repair: false });
    console.log(`Re-check after the repair: ${recheck.driftedPairs} differ.`);
    if (recheck.driftedContacts > 0) process.exitCode = 1;
  }
} finally {
  await client.end();
}
