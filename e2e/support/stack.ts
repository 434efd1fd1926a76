import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { DEMO_ENDPOINT_NAME } from "../../dev/demo/demo-endpoints";
import { signedDelivery } from "../../lib/webhooks/inbound-signature";
import { decryptSecret } from "../../lib/webhooks/secret-box";
import { E2E_BASE_URL, E2E_ENV, E2E_STACK_FILE } from "./e2e-env";

/** Written by scripts/e2e-server.ts once the stack is up. */
type StackInfo = { appUrl: string; databaseUrl: string; pusherPort: number; pusherKey: string; controlPort: number };

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
  const rows = await query<{ id: string }>("SELECT id FROM contact WHERE name = $1", [name]);
  if (rows.length !== 1) throw new Error(`Expected one contact named ${name}, found ${rows.length}`);
  return rows[0].id;
}

export async function organizationIdBySlug(slug: "acme" | "globex"): Promise<string> {
  const [row] = await query<{ id: string }>("SELECT id FROM organization WHERE slug = $1", [slug]);
  if (!row) throw new Error(`No organization ${slug}`);
  return row.id;
}

export type InboundPayload = { contactId: string; body: string; externalId?: string; kind?: "chat" | "post" | "task" | "system" };

/**
 * The seeded provider endpoint of the contact's organization, its secret
 * opened with the stack's NEXTAUTH_SECRET, as the server itself does.
 */
async function demoEndpointOf(contactId: string): Promise<{ path: string; secret: string }> {
  const rows = await query<{ id: string; ciphertext: string }>(
    `SELECT e.id, s.ciphertext FROM inbound_endpoint e
     JOIN contact c ON c.organization_id = e.organization_id
     JOIN inbound_endpoint_secret s ON s.endpoint_id = e.id AND s.expires_at IS NULL
     WHERE c.id = $1 AND e.name = $2 AND e.revoked_at IS NULL ORDER BY e.created_at LIMIT 1`,
    [contactId, DEMO_ENDPOINT_NAME],
  );
  const secret = rows[0] && decryptSecret(rows[0].ciphertext, E2E_ENV.NEXTAUTH_SECRET);
  if (!secret) throw new Error(`No demo provider endpoint for contact ${contactId}`);
  return { path: `/api/webhooks/inbound/${rows[0].id}`, secret };
}

/**
 * A provider's signed inbound delivery to the running app, through the
 * contact's organization's endpoint. Every delivery gets an externalId (a
 * provider always sends one); pass the same one to retry.
 */
export async function sendInbound(payload: InboundPayload): Promise<{ status: 200 | 201; id: string }> {
  const raw = JSON.stringify({ externalId: `e2e-${randomUUID()}`, ...payload });
  const endpoint = await demoEndpointOf(payload.contactId);
  const response = await fetch(`${E2E_BASE_URL}${endpoint.path}`, signedDelivery(endpoint.secret, raw));
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
  }
  return { status: response.status, id: ((await response.json()) as { id: string }).id };
}

/**
 * Stops or restarts the local Pusher-protocol server through the e2e
 * server's control endpoint (loopback only). Stopping closes every browser's
 * WebSocket; starting listens again on the same port.
 */
export async function setRealtimeServer(action: "stop" | "start"): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${stackInfo().controlPort}/realtime/${action}`, { method: "POST" });
  if (!response.ok) throw new Error(`realtime ${action} answered ${response.status}: ${await response.text()}`);
  const state = (await response.json()) as { running: boolean };
  if (state.running !== (action === "start")) throw new Error(`realtime server did not ${action}`);
}
