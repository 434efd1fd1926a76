// The operations of the read model fuzz (read-model-fuzz.test.ts): the app's
// own writes and what writers outside the app do, weighted, drawn from a seeded
// sequence so a failing run replays from its seed.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ReadCursor } from "@/lib/messaging/read-state";
import type { OrgFixture } from "../../support/fixtures";

type Scope = { userId: string; organizationId: string };
type Kind = "chat" | "post" | "task" | "system";

export type FuzzWorld = {
  random: () => number;
  orgs: OrgFixture[];
  messageIds: string[];
  extraUsers: string[];
  app: {
    receive(organizationId: string, contactId: string, kind: Kind): Promise<unknown>;
    read(scope: Scope, contactId: string, cursor: ReadCursor): Promise<unknown>;
    unread(scope: Scope, contactId: string): Promise<unknown>;
    readAll(scope: Scope): Promise<unknown>;
    remove(scope: Scope, messageId: string): Promise<unknown>;
  };
  copy(rows: { id: string; organizationId: string; contactId: string }[]): Promise<void>;
};

export type FuzzOperation = { name: string; mayBeRefused: boolean; run(pool: pg.Pool): Promise<unknown> };

type Maker = (world: FuzzWorld) => Omit<FuzzOperation, "name">;

const KINDS: Kind[] = ["chat", "chat", "post", "task", "system"];

function helpers(world: FuzzWorld) {
  const pick = <T>(items: T[]) => items[Math.floor(world.random() * items.length)];
  const org = () => pick(world.orgs);
  const member = (fixture: OrgFixture): Scope => ({
    userId: pick(Object.values(fixture.users)).id,
    organizationId: fixture.organizationId,
  });
  const secondsAgo = (max: number) => new Date(Date.now() - Math.floor(world.random() * max * 1000));
  /** A few (organization, contact) pairs from both organizations, in no particular order. */
  const spread = (count: number) =>
    Array.from({ length: count }, () => {
      const fixture = org();
      return { organizationId: fixture.organizationId, contactId: pick(fixture.contactIds) };
    });
  const remember = (rows: { id: string }[]) => world.messageIds.push(...rows.map((row) => row.id));
  /** A member of one organization and one of its contacts. */
  const conversation = () => {
    const fixture = org();
    return { organizationId: fixture.organizationId, scope: member(fixture), contactId: pick(fixture.contactIds) };
  };
  return { pick, org, member, secondsAgo, spread, remember, conversation };
}

const app: Record<string, [number, Maker]> = {
  "app: inbound message": [22, (world) => {
    const { pick, conversation } = helpers(world);
    const { organizationId, contactId } = conversation();
    const kind = pick(KINDS);
    return { mayBeRefused: true, run: () => world.app.receive(organizationId, contactId, kind) };
  }],
  "app: mark read": [18, (world) => {
    const { pick, org, member, secondsAgo } = helpers(world);
    const fixture = org();
    const contactId = pick(fixture.contactIds);
    const choice = world.random();
    const cursor: ReadCursor =
      choice < 0.4 ? undefined : choice < 0.7 ? { lastReadAt: secondsAgo(40) } : { upToMessageId: pick(world.messageIds) };
    return { mayBeRefused: true, run: () => world.app.read(member(fixture), contactId, cursor) };
  }],
  "app: mark unread": [4, (world) => {
    const { pick, org, member } = helpers(world);
    const fixture = org();
    return { mayBeRefused: true, run: () => world.app.unread(member(fixture), pick(fixture.contactIds)) };
  }],
  "app: read all": [4, (world) => {
    const { org, member } = helpers(world);
    const scope = member(org());
    return { mayBeRefused: true, run: () => world.app.readAll(scope) };
  }],
  "app: delete a message": [6, (world) => {
    const { pick, org, member } = helpers(world);
    const scope = member(org());
    const messageId = pick(world.messageIds);
    return { mayBeRefused: false, run: () => (messageId ? world.app.remove(scope, messageId) : Promise.resolve()) };
  }],
};

const outside: Record<string, [number, Maker]> = {
  "multi-row insert, default created_at, any contact order": [6, (world) => {
    const rows = helpers(world).spread(4);
    return {
      mayBeRefused: true,
      run: (pool) =>
        pool
          .query<{ id: string }>(
            `INSERT INTO message (organization_id, contact_id, direction, kind, body)
             SELECT o, c, 'inbound', 'chat', 'bulk' FROM unnest($1::uuid[], $2::uuid[]) AS x(o, c) RETURNING id`,
            [rows.map((row) => row.organizationId), rows.map((row) => row.contactId)],
          )
          .then((result) => helpers(world).remember(result.rows)),
    };
  }],
  "multi-row insert of late messages": [5, (world) => {
    const { spread, secondsAgo, remember } = helpers(world);
    const rows = spread(3).map((row) => ({ ...row, createdAt: secondsAgo(60) }));
    return {
      mayBeRefused: true,
      run: (pool) =>
        pool
          .query<{ id: string }>(
            `INSERT INTO message (organization_id, contact_id, direction, kind, body, created_at)
             SELECT o, c, 'inbound', 'post', 'late', t FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS x(o, c, t)
             RETURNING id`,
            [rows.map((row) => row.organizationId), rows.map((row) => row.contactId), rows.map((row) => row.createdAt)],
          )
          .then((result) => remember(result.rows)),
    };
  }],
  "COPY of messages": [3, (world) => {
    const rows = helpers(world).spread(3).map((row) => ({ ...row, id: randomUUID() }));
    return { mayBeRefused: true, run: () => world.copy(rows).then(() => helpers(world).remember(rows)) };
  }],
  "INSERT … ON CONFLICT of a provider's retry": [5, (world) => {
    const { pick, org } = helpers(world);
    const fixture = org();
    const contactId = pick(fixture.contactIds);
    const externalId = `ext-${Math.floor(world.random() * 12)}`;
    const action = world.random() < 0.5 ? "NOTHING" : "UPDATE SET deleted_at = NULL, kind = EXCLUDED.kind";
    return {
      mayBeRefused: true,
      run: (pool) =>
        pool.query(
          `INSERT INTO message (organization_id, contact_id, direction, kind, body, external_id)
           VALUES ($1, $2, 'inbound', $3, 'retry', $4)
           ON CONFLICT (organization_id, external_id) DO ${action}`,
          [fixture.organizationId, contactId, pick(KINDS), externalId],
        ),
    };
  }],
  "update messages: undelete, move in time, change kind": [5, (world) => {
    const { pick, secondsAgo } = helpers(world);
    const ids = [pick(world.messageIds), pick(world.messageIds)].filter(Boolean);
    const choice = world.random();
    const set = choice < 0.3 ? "deleted_at = NULL" : choice < 0.6 ? "created_at = $2" : "kind = $3::message_kind";
    return {
      mayBeRefused: false,
      run: (pool) =>
        pool.query(`UPDATE message SET ${set} WHERE id = ANY($1::uuid[]) AND $2::timestamptz IS NOT NULL AND $3::text IS NOT NULL`, [
          ids,
          secondsAgo(60),
          pick(KINDS),
        ]),
    };
  }],
  "delete messages": [3, (world) => {
    const ids = [helpers(world).pick(world.messageIds)].filter(Boolean);
    return { mayBeRefused: false, run: (pool) => pool.query(`DELETE FROM message WHERE id = ANY($1::uuid[])`, [ids]) };
  }],
  "delete a contact": [2, (world) => {
    const { pick, org } = helpers(world);
    const contactId = pick(org().contactIds);
    return { mayBeRefused: false, run: (pool) => pool.query(`DELETE FROM contact WHERE id = $1`, [contactId]) };
  }],
  "create a contact": [2, (world) => {
    const fixture = helpers(world).org();
    const id = randomUUID();
    fixture.contactIds.push(id);
    return {
      mayBeRefused: false,
      run: (pool) => pool.query(`INSERT INTO contact (id, organization_id, name) VALUES ($1, $2, 'New')`, [id, fixture.organizationId]),
    };
  }],
  "delete a user with memberships and read states": [1, (world) => {
    const userId = helpers(world).pick(world.extraUsers);
    return { mayBeRefused: false, run: (pool) => pool.query(`DELETE FROM "user" WHERE id = $1`, [userId]) };
  }],
  "multi-row membership insert spanning both organizations": [3, (world) => {
    const users = world.extraUsers;
    const orgIds = world.orgs.map((fixture) => fixture.organizationId);
    return {
      mayBeRefused: true,
      run: (pool) =>
        pool.query(
          `INSERT INTO membership (user_id, organization_id, role)
           SELECT u, o, 'agent' FROM unnest($1::uuid[]) u CROSS JOIN unnest($2::uuid[]) o ON CONFLICT DO NOTHING`,
          [users, orgIds],
        ),
    };
  }],
  "membership delete": [2, (world) => {
    const userId = helpers(world).pick(world.extraUsers);
    return { mayBeRefused: false, run: (pool) => pool.query(`DELETE FROM membership WHERE user_id = $1`, [userId]) };
  }],
  "read-state upsert from outside": [3, (world) => {
    const { conversation, secondsAgo } = helpers(world);
    const { scope, contactId } = conversation();
    return {
      mayBeRefused: true,
      run: (pool) =>
        pool.query(
          `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, contact_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at`,
          [scope.organizationId, scope.userId, contactId, secondsAgo(60)],
        ),
    };
  }],
  "TRUNCATE message": [0.4, () => ({ mayBeRefused: false, run: (pool) => pool.query(`TRUNCATE message`) })],
  "update a primary key": [2, (world) => {
    const { pick, org } = helpers(world);
    const fixture = org();
    const sql =
      world.random() < 0.5
        ? { text: `UPDATE contact SET id = gen_random_uuid() WHERE id = $1`, values: [pick(fixture.contactIds)] }
        : { text: `UPDATE organization SET id = gen_random_uuid() WHERE id = $1`, values: [fixture.organizationId] };
    return { mayBeRefused: true, run: (pool) => pool.query(sql.text, sql.values) };
  }],
  "mixed data-modifying CTE": [2, (world) => {
    const { organizationId, scope, contactId } = helpers(world).conversation();
    return {
      mayBeRefused: true,
      run: (pool) =>
        pool.query(
          `WITH m AS (INSERT INTO message (organization_id, contact_id, direction, body) VALUES ($1, $2, 'inbound', 'cte') RETURNING contact_id)
           INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at)
           SELECT $1, $3, contact_id, now() FROM m
           ON CONFLICT (user_id, contact_id) DO UPDATE SET last_read_at = EXCLUDED.last_read_at`,
          [organizationId, contactId, scope.userId],
        ),
    };
  }],
};

/**
 * `count` operations drawn by weight; one TRUNCATE is always among them, in the
 * middle. Each draws its arguments when it runs, from what exists by then.
 * `copy: false` leaves COPY out (the embedded PGlite's socket server does not
 * carry the COPY sub-protocol).
 */
export function fuzzOperations(world: FuzzWorld, count: number, options: { copy: boolean }): FuzzOperation[] {
  const makers = Object.entries({ ...app, ...outside }).filter(([name]) => options.copy || name !== "COPY of messages");
  const total = makers.reduce((sum, [, [weight]]) => sum + weight, 0);
  const lazy = (name: string, make: Maker): FuzzOperation => {
    const operation: FuzzOperation = {
      name,
      mayBeRefused: false,
      run: (pool) => {
        const made = make(world);
        operation.mayBeRefused = made.mayBeRefused;
        return made.run(pool);
      },
    };
    return operation;
  };
  const operations = Array.from({ length: count }, (): FuzzOperation => {
    let roll = world.random() * total;
    for (const [name, [weight, make]] of makers) {
      roll -= weight;
      if (roll < 0) return lazy(name, make);
    }
    return lazy(makers[0][0], makers[0][1][1]);
  });
  operations[Math.floor(count / 2)] = lazy("TRUNCATE message", outside["TRUNCATE message"][1]);
  return operations;
}
