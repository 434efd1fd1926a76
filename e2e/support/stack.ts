import { readFileSync } from "node:fs";
import pg from "pg";
import { signInboundWebhook } from "../../lib/webhooks/inbound-signature";
import { E2E_BASE_URL, E2E_ENV, E2E_STACK_FILE } from "./e2e-env";

type StackInfo = { appUrl: string; databaseUrl: string; pusherPort: number };

export function stackInfo(): StackInfo {
  return JSON.parse(readFileSync(E2E_STACK_FILE, "utf8")) as StackInfo;
}

/** Read-only look-ups the scenarios need (ids by name); writes go through the app. */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: stackInfo().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function contactIdByName(name: string): Promise<string> {
  const [row] = await query<{ id: string }>("SELECT id FROM contact WHERE name = $1", [name]);
  if (!row) throw new Error(`No contact named ${name}`);
  return row.id;
}

/** A provider's signed inbound delivery to the running app. */
export async function sendInbound(payload: { contactId: string; body: string; externalId?: string; kind?: string }) {
  const raw = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${E2E_BASE_URL}/api/webhooks/inbound`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-webhook-timestamp": String(timestamp),
      "x-webhook-signature": signInboundWebhook(E2E_ENV.INBOUND_WEBHOOK_SECRET, timestamp, raw),
    },
    body: raw,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  }
  return { status: response.status, id: ((await response.json()) as { id: string }).id };
}
