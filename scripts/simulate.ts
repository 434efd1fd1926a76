// `npm run simulate`: a provider sending signed inbound messages to the running
// app, for demos and manual testing. Options: --every <seconds> (default 3),
// --count <n> (default: until Ctrl-C), --url <app url>, --org <slug>.
// It delivers through the organization's own inbound endpoint (the seed's
// "Demo provider"), found or created in the database with the server secret the app seals
// endpoint secrets with, so it needs no setup and puts no secret in a URL.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { DEV_DEFAULTS } from "../lib/config/server-config";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_ENDPOINT_NAME } from "../dev/demo/demo-endpoints";
import { ensureInboundEndpoint } from "../lib/webhooks/inbound-endpoints";
import { signedDelivery } from "../lib/webhooks/inbound-signature";
import { CUSTOMER_MESSAGES } from "./lib/customer-messages";
import { loadEnvFiles } from "./lib/load-env-files";
import { repoRoot } from "./lib/local-stack";

loadEnvFiles(repoRoot);
const { values } = parseArgs({
  options: {
    every: { type: "string", default: "3" },
    count: { type: "string" },
    url: { type: "string", default: process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}` },
    org: { type: "string", default: "acme" },
  },
});


const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable";
/**
 * The secrets the running app may seal endpoint secrets with: NEXTAUTH_SECRET
 * when set (.env included); otherwise `npm run dev`'s development default, or
 * the random one `npm start` keeps in .data/local-secrets.json.
 */
function serverSecretCandidates(): string[] {
  if (process.env.NEXTAUTH_SECRET) return [process.env.NEXTAUTH_SECRET];
  const localFile = path.join(repoRoot, ".data", "local-secrets.json");
  const local = existsSync(localFile) ? (JSON.parse(readFileSync(localFile, "utf8")) as { nextAuthSecret?: string }).nextAuthSecret : undefined;
  return [DEV_DEFAULTS.nextAuthSecret, ...(local ? [local] : [])];
}
const everyMs = Math.max(0.05, Number(values.every)) * 1000;
const limit = values.count ? Number(values.count) : Infinity;

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
const contacts = await prisma.contact
  .findMany({ where: { organization: { slug: values.org } }, select: { id: true, name: true, organizationId: true } })
  .catch((error: Error) => {
    console.error(`Cannot read contacts from ${new URL(databaseUrl).host}: ${error.message}\nIs \`npm run dev\` running?`);
    process.exit(1);
  });
if (contacts.length === 0) {
  console.error(`No contacts in organization "${values.org}". Run \`npm run db:seed\` first.`);
  process.exit(1);
}
const candidates = serverSecretCandidates();
let endpoint = await ensureInboundEndpoint(prisma, { organizationId: contacts[0].organizationId, name: DEMO_ENDPOINT_NAME, serverSecret: candidates[0] });

console.log(`Sending to ${values.url} every ${everyMs / 1000}s (Ctrl-C to stop)`);
let sent = 0;
let stopped = false;
process.on("SIGINT", () => {
  stopped = true;
});
while (!stopped && sent < limit) {
  const contact = contacts[Math.floor(Math.random() * contacts.length)];
  const raw = JSON.stringify({
    contactId: contact.id,
    body: CUSTOMER_MESSAGES[Math.floor(Math.random() * CUSTOMER_MESSAGES.length)],
    externalId: `sim-${randomUUID()}`,
  });
  try {
    let response = await deliver(raw);
    // The app may be `npm start` with its own local secret: try the next one.
    while (response.status === 401 && sent === 0 && candidates.length > 1) {
      candidates.shift();
      endpoint = await ensureInboundEndpoint(prisma, { organizationId: contacts[0].organizationId, name: DEMO_ENDPOINT_NAME, serverSecret: candidates[0] });
      response = await deliver(raw);
    }
    sent++;
    console.log(`${new Date().toLocaleTimeString()}  ${response.status}  ${contact.name}: ${JSON.parse(raw).body.slice(0, 60)}`);
  } catch (error) {
    console.error(`Could not reach ${values.url}: ${(error as Error).message}`);
  }
  if (sent < limit) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
console.log(`Sent ${sent} message(s).`);
await prisma.$disconnect();

function deliver(raw: string) {
  return fetch(`${values.url}${endpoint.path}`, signedDelivery(endpoint.secret, raw));
}
