// What the read model costs the writers: single statements timed from the
// client (one round trip each), with the counter triggers doing their work,
// next to the same statement when the triggers have nothing to update.
import type pg from "pg";
import type { Database } from "@/lib/db/prisma";
import { markAllRead } from "@/lib/messaging/read-state";
import { summarize, timed, type Summary } from "./bench-stats";

export type WriteCosts = {
  members: number;
  inbound: Summary;
  outbound: Summary;
  markReadMoving: Summary;
  markReadUnmoved: Summary;
  /** markAllRead for a user with a counter per contact of the organization (lib/messaging/read-state.ts). */
  readAll: { contacts: number; ms: number };
  /** A member joining: a counter per contact, each computed from the whole history (epoch fallback). */
  memberJoin: { contacts: number; ms: number };
};

async function sample(times: number, run: (index: number) => Promise<unknown>): Promise<Summary> {
  const samples: number[] = [];
  for (let index = 0; index < times; index++) samples.push((await timed(() => run(index))).ms);
  return summarize(samples);
}

export async function measureWriteCosts(
  db: pg.Client,
  prisma: Database,
  scope: { userId: string; organizationId: string; readAllUserId: string },
  contactIds: string[],
  runs: number,
): Promise<WriteCosts> {
  const insert = (direction: "inbound" | "outbound", index: number) =>
    db.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body) VALUES ($1, $2, $3, 'chat', 'write cost probe')`,
      [scope.organizationId, contactIds[index % contactIds.length], direction],
    );
  // The statement markContactRead runs (lib/messaging/read-state.ts).
  const markRead = (index: number, at: string) =>
    db.query(
      `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at, updated_at)
       VALUES ($1, $2, $3, ${at}, now())
       ON CONFLICT (user_id, contact_id) DO UPDATE
         SET last_read_at = GREATEST(conversation_read_state.last_read_at, EXCLUDED.last_read_at), updated_at = now()`,
      [scope.organizationId, scope.userId, contactIds[index % contactIds.length]],
    );
  const members = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM membership WHERE organization_id = $1`, [
    scope.organizationId,
  ]);
  const outbound = await sample(runs, (index) => insert("outbound", index));
  const inbound = await sample(runs, (index) => insert("inbound", index));
  // Each probe message is unread for the measured user: reading up to now()
  // moves the position and recomputes the counter; a second, older position
  // is kept by GREATEST and recomputes nothing.
  const markReadMoving = await sample(runs, (index) => markRead(index, "now()"));
  const markReadUnmoved = await sample(runs, (index) => markRead(index, "now() - interval '1 day'"));
  const contacts = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact WHERE organization_id = $1`, [
    scope.organizationId,
  ]);
  const readAll = await timed(() => markAllRead(prisma, { userId: scope.readAllUserId, organizationId: scope.organizationId }));
  const user = await db.query<{ id: string }>(
    `INSERT INTO "user" (email, name) VALUES ('bench-joiner-' || gen_random_uuid() || '@bench.test', 'Joiner') RETURNING id`,
  );
  const join = await timed(() =>
    db.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'agent')`, [user.rows[0].id, scope.organizationId]),
  );
  await db.query(`DELETE FROM "user" WHERE id = $1`, [user.rows[0].id]);
  return {
    members: members.rows[0].n,
    inbound,
    outbound,
    markReadMoving,
    markReadUnmoved,
    readAll: { contacts: contacts.rows[0].n, ms: readAll.ms },
    memberJoin: { contacts: contacts.rows[0].n, ms: join.ms },
  };
}
