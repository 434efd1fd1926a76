// Write scale (issue 11): what an inbound message costs as the team grows.
// For organizations of 20, 200 and 1,000 members (10,000 contacts each, no
// conversation opened), the inbound insert runs in two schemas of the same
// database, side by side in one run: `bench_ws_model` (every migration: the
// read model) and `bench_ws_floor` (the base schema only: tables, indexes and
// last-message tracking). Throughput with 4 clients alternates floor and model
// rounds so that noise hits both alike; the ratio is the result.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { markAllRead } from "@/lib/messaging/read-state";
import { summarize, timed, type Summary } from "./bench-stats";
import { assertUserExact } from "./exactness";

export type WriteScalePoint = {
  members: number;
  contacts: number;
  model: { insertsPerSecond: number; latency: Summary };
  floor: { insertsPerSecond: number; latency: Summary };
  /** Bytes the read model adds to the base schema's tables for this organization. */
  readModelBytes: number;
  /** inboundDuringJoinMs is null where the server runs one transaction at a time (PGlite). */
  memberJoin: { ms: number; inboundDuringJoinMs: number | null; inboundBaselineMs: number };
  readAll: { contacts: number; ms: number };
};

const SCHEMAS = { model: "bench_ws_model", floor: "bench_ws_floor" } as const;
const migrationsDir = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
const CLIENTS = 4;
const ROUNDS = 8;

const schemaOf = new WeakMap<pg.Client, string>();

async function clientIn(url: string, schema: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  schemaOf.set(client, schema);
  await enter(client);
  return client;
}

/**
 * Points the session at the client's schema again before each phase: the
 * embedded PGlite has one backend for every connection, so there the last SET
 * wins. Phases never interleave schemas, so each runs where it should.
 */
async function enter(client: pg.Client) {
  await client.query(`SET search_path TO ${schemaOf.get(client)}, public`);
}

/** A fresh schema with the given migrations applied as written (unqualified names land in it). */
async function createSchema(admin: pg.Client, schema: string, migrations: string[]) {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}, public`);
  for (const name of migrations) await admin.query(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  await admin.query(`SET search_path TO public`);
}

async function seedOrganization(client: pg.Client, members: number, contacts: number) {
  await enter(client);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO organization (name, slug) VALUES ('Write scale', 'write-scale-' || gen_random_uuid()) RETURNING id`,
  );
  const organizationId = rows[0].id;
  const users = await client.query<{ id: string }>(
    `INSERT INTO "user" (email, name) SELECT 'ws-' || n || '-' || gen_random_uuid() || '@bench.test', 'Agent ' || n
     FROM generate_series(1, $1) n RETURNING id`,
    [members],
  );
  await client.query(`INSERT INTO membership (user_id, organization_id, role) SELECT unnest($1::uuid[]), $2, 'agent'`, [
    users.rows.map((row) => row.id),
    organizationId,
  ]);
  const contactRows = await client.query<{ id: string }>(
    `INSERT INTO contact (organization_id, name) SELECT $1, 'Contact ' || n FROM generate_series(1, $2) n RETURNING id`,
    [organizationId, contacts],
  );
  await client.query(`ANALYZE`);
  return { organizationId, userIds: users.rows.map((row) => row.id), contactIds: contactRows.rows.map((row) => row.id) };
}

type Org = Awaited<ReturnType<typeof seedOrganization>>;

const insertSql = `INSERT INTO message (organization_id, contact_id, direction, kind, body) VALUES ($1, $2, 'inbound', 'chat', 'write scale')`;

async function insertsPerSecond(clients: pg.Client[], org: Org, seconds: number) {
  await enter(clients[0]);
  const until = performance.now() + seconds * 1000;
  let inserts = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, index) => {
      for (let n = index; performance.now() < until; n += clients.length) {
        await client.query(insertSql, [org.organizationId, org.contactIds[(n * 7919) % org.contactIds.length]]);
        inserts++;
      }
    }),
  );
  return inserts / ((performance.now() - started) / 1000);
}

async function latency(client: pg.Client, org: Org, runs: number) {
  await enter(client);
  const samples: number[] = [];
  for (let n = 0; n < runs; n++) {
    samples.push((await timed(() => client.query(insertSql, [org.organizationId, org.contactIds[(n * 104729) % org.contactIds.length]]))).ms);
  }
  return summarize(samples);
}

async function tableBytes(client: pg.Client, schema: string, tables: string[]) {
  const { rows } = await client.query<{ bytes: string }>(
    `SELECT COALESCE(sum(pg_total_relation_size(format('%I.%I', $1::text, t)::regclass)), 0)::bigint AS bytes
     FROM unnest($2::text[]) t WHERE to_regclass(format('%I.%I', $1::text, t)) IS NOT NULL`,
    [schema, tables],
  );
  return Number(rows[0].bytes);
}

/** A member joining, timed; meanwhile (its transaction still open) one inbound insert elsewhere, timed. */
async function memberJoin(url: string, org: Org, concurrent: boolean) {
  const joiner = await clientIn(url, SCHEMAS.model);
  const writer = await clientIn(url, SCHEMAS.model);
  try {
    const baseline = await latency(writer, org, 20);
    const { rows } = await joiner.query<{ id: string }>(
      `INSERT INTO "user" (email, name) VALUES ('joiner-' || gen_random_uuid() || '@bench.test', 'Joiner') RETURNING id`,
    );
    await joiner.query(`BEGIN`);
    const join = await timed(() =>
      joiner.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'agent')`, [rows[0].id, org.organizationId]),
    );
    let during: number | null = null;
    if (concurrent) {
      // Bounded, so that a join that did block inbound writes fails the run instead of hanging it.
      await writer.query(`SET statement_timeout = 5000`);
      during = (await timed(() => writer.query(insertSql, [org.organizationId, org.contactIds[1]]))).ms;
    }
    await joiner.query(`COMMIT`);
    return { ms: join.ms, inboundDuringJoinMs: during, inboundBaselineMs: baseline.p50 };
  } finally {
    await joiner.end();
    await writer.end();
  }
}

/** The app's read-all (lib/messaging/read-state.ts) for a member with one unread message in every contact. */
async function readAll(url: string, client: pg.Client, org: Org) {
  await enter(client);
  await client.query(
    `INSERT INTO message (organization_id, contact_id, direction, kind, body)
     SELECT $1, id, 'inbound', 'chat', 'unread' FROM unnest($2::uuid[]) id`,
    [org.organizationId, org.contactIds],
  );
  // The session setting for every pooled connection (on PGlite, enter() above already set it).
  const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${SCHEMAS.model},public` });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const result = await timed(() => markAllRead(prisma, { userId: org.userIds[0], organizationId: org.organizationId }));
    return { contacts: result.value.contactIds.length, ms: result.ms };
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
}

/** Exactness here too: a few members' counts after all the writes equal the oracle. */
async function assertSampleExact(client: pg.Client, org: Org, members: number) {
  await enter(client);
  for (const userId of [org.userIds[0], org.userIds[1], org.userIds[members - 1]]) {
    await assertUserExact(client, `write scale, ${members} members, user ${userId}`, { userId, organizationId: org.organizationId }, org.contactIds);
  }
}

export async function measureWriteScale(
  url: string,
  options: {
    sizes: number[];
    contacts: number;
    seconds: number;
    latencyRuns: number;
    /** False on the embedded PGlite, which serves one open transaction at a time. */
    concurrentTransactions: boolean;
    log: (line: string) => void;
  },
): Promise<WriteScalePoint[]> {
  const migrations = readdirSync(migrationsDir).filter((name) => /^\d+_/.test(name)).sort();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const points: WriteScalePoint[] = [];
  try {
    for (const members of options.sizes) {
      await createSchema(admin, SCHEMAS.model, migrations);
      await createSchema(admin, SCHEMAS.floor, migrations.slice(0, 1));
      const model = await Promise.all(Array.from({ length: CLIENTS }, () => clientIn(url, SCHEMAS.model)));
      const floor = await Promise.all(Array.from({ length: CLIENTS }, () => clientIn(url, SCHEMAS.floor)));
      try {
        const orgs = { model: await seedOrganization(model[0], members, options.contacts), floor: await seedOrganization(floor[0], members, options.contacts) };
        const base = ["organization", "user", "membership", "contact", "message"];
        const readModelBytes =
          (await tableBytes(admin, SCHEMAS.model, [...base, "conversation_read_state"])) - (await tableBytes(admin, SCHEMAS.floor, base));
        const floorLatency = await latency(floor[0], orgs.floor, options.latencyRuns);
        const modelLatency = await latency(model[0], orgs.model, options.latencyRuns);
        const rates = { model: [] as number[], floor: [] as number[] };
        // Short alternating rounds: the machine's noise lands on both sides alike.
        for (let round = 0; round < ROUNDS; round++) {
          rates.floor.push(await insertsPerSecond(floor, orgs.floor, options.seconds / ROUNDS));
          rates.model.push(await insertsPerSecond(model, orgs.model, options.seconds / ROUNDS));
        }
        const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
        const point: WriteScalePoint = {
          members,
          contacts: options.contacts,
          model: { insertsPerSecond: mean(rates.model), latency: modelLatency },
          floor: { insertsPerSecond: mean(rates.floor), latency: floorLatency },
          readModelBytes,
          memberJoin: await memberJoin(url, orgs.model, options.concurrentTransactions),
          readAll: await readAll(url, model[0], orgs.model),
        };
        await assertSampleExact(model[0], orgs.model, members);
        points.push(point);
        options.log(
          `  ${String(members).padStart(5)} members: ${point.model.insertsPerSecond.toFixed(0)} inserts/s vs floor ` +
            `${point.floor.insertsPerSecond.toFixed(0)} (${(point.model.insertsPerSecond / point.floor.insertsPerSecond).toFixed(2)}x), ` +
            `latency p50 ${modelLatency.p50.toFixed(2)} ms, read model ${(readModelBytes / 1024).toFixed(0)} kB, ` +
            `join ${point.memberJoin.ms.toFixed(1)} ms, read-all ${point.readAll.contacts} contacts ${point.readAll.ms.toFixed(0)} ms`,
        );
      } finally {
        await Promise.all([...model, ...floor].map((client) => client.end()));
      }
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMAS.model} CASCADE`).catch(() => undefined);
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMAS.floor} CASCADE`).catch(() => undefined);
    await admin.end();
  }
  return points;
}
