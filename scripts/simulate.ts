// `npm run simulate`: a provider sending signed inbound messages to the running
// app, for demos and manual testing. Options: --every <seconds> (default 3),
// --count <n> (default: until Ctrl-C), --url <app url>, --org <slug>.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { DEV_DEFAULTS } from "../lib/config/server-config";
import { PrismaClient } from "../lib/generated/prisma/client";
import { signInboundWebhook } from "../lib/webhooks/inbound-signature";
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

const BODIES = [
  "Hi! Just checking on my order, it was supposed to arrive yesterday.",
  "Can I change the delivery address? I'm moving next week.",
  "The replacement part arrived, thank you so much for the quick help!",
  "Is the blue version back in stock yet?",
  "I was charged twice for order #A-10734, could you take a look?",
  "Can someone call me back about the warranty? Afternoons work best.",
  "Do you ship to Canada? I'd like to send a gift to my sister in Toronto before the holidays.",
  "The app keeps logging me out when I try to track my parcel. Screenshot attached.",
  "Thanks! That worked 🙌",
  "Could I get an invoice with my company name on it for the accounting team?",
];

const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable";
const secret = process.env.INBOUND_WEBHOOK_SECRET ?? DEV_DEFAULTS.inboundWebhookSecret;
const everyMs = Math.max(0.05, Number(values.every)) * 1000;
const limit = values.count ? Number(values.count) : Infinity;

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
const contacts = await prisma.contact
  .findMany({ where: { organization: { slug: values.org } }, select: { id: true, name: true } })
  .catch((error: Error) => {
    console.error(`Cannot read contacts from ${new URL(databaseUrl).host}: ${error.message}\nIs \`npm run dev\` running?`);
    process.exit(1);
  });
await prisma.$disconnect();
if (contacts.length === 0) {
  console.error(`No contacts in organization "${values.org}". Run \`npm run db:seed\` first.`);
  process.exit(1);
}

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
    body: BODIES[Math.floor(Math.random() * BODIES.length)],
    externalId: `sim-${randomUUID()}`,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(`${values.url}/api/webhooks/inbound`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-webhook-timestamp": String(timestamp),
        "x-webhook-signature": signInboundWebhook(secret, timestamp, raw),
      },
      body: raw,
    });
    sent++;
    console.log(`${new Date().toLocaleTimeString()}  ${response.status}  ${contact.name}: ${JSON.parse(raw).body.slice(0, 60)}`);
  } catch (error) {
    console.error(`Could not reach ${values.url}: ${(error as Error).message}`);
  }
  if (sent < limit) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
console.log(`Sent ${sent} message(s).`);
