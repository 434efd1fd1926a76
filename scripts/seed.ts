// `npm run db:seed`: loads the demo organizations, accounts and inbox into
// DATABASE_URL. Safe to run again: existing demo rows are left as they are.
// `--verbose` also reports how many rows this run inserted.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../dev/demo/demo-accounts";
import { DEV_DEFAULTS } from "../lib/config/server-config";
import { seedDemoEndpoints } from "../dev/demo/demo-endpoints";
import { seedDemoData } from "../dev/demo/seed-demo-data";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error(
    "DATABASE_URL is not set. Point it at the database to seed, e.g.\n" +
      "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/badger npm run db:seed\n" +
      "and run `npm run db:migrate` against it first.",
  );
  process.exit(1);
}

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
const started = performance.now();
try {
  const verbose = process.argv.includes("--verbose");
  const counts = await seedDemoData(prisma, { log: verbose ? (line) => console.log(line) : undefined });
  // Each demo organization's provider endpoint, sealed with the app's secret.
  await seedDemoEndpoints(prisma, process.env.NEXTAUTH_SECRET ?? DEV_DEFAULTS.nextAuthSecret);
  const ms = Math.round(performance.now() - started);
  console.log(
    `Seeded demo data in ${ms} ms: ${counts.organizations} organizations, ${counts.users} users, ` +
      `${counts.contacts} contacts, ${counts.messages} messages, ${counts.readStates} read states. ` +
      `Sign in as ${[...new Set(DEMO_ACCOUNTS.map((account) => account.email))].join(", ")} with password "${DEMO_PASSWORD}".`,
  );
} catch (error) {
  console.error("Seeding failed:", error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
