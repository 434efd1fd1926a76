// What every fuzz file runs against: Acme (every role, a readable contact, a
// contact with nothing to unread, a live and a deleted message) and Globex,
// whose ids an Acme session must never reach. Each file builds its own, so
// files share nothing but the database.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../../support/fixtures";
import { getTestPrisma } from "../../support/test-database";
import { endpointOf } from "../../support/webhook";
import { cookieFor } from "./call-route";
import { withRealtimeServer } from "./realtime-server";

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export type FuzzWorld = {
  acme: OrgFixture;
  globex: OrgFixture;
  /** Acme contact with counted inbound messages. */
  readable: string;
  /** Acme contact with only outbound and system messages: mark-unread answers 409. */
  nothingToUnread: string;
  acmeMessage: string;
  acmeDeletedMessage: string;
  globexContact: string;
  globexMessage: string;
  /** Acme's inbound webhook endpoint. */
  acmeEndpoint: { id: string; path: string; secret: string };
  cookies: Record<"agent" | "admin" | "viewer" | "stranger" | "wrongSecret", string>;
};

async function createFuzzWorld(): Promise<FuzzWorld> {
  const db = getTestPrisma();
  const acme = await createOrganization(db, { members: { agent: "agent", admin: "admin", viewer: "viewer" }, contacts: 3 });
  const globex = await createOrganization(db, { members: { agent: "agent" }, contacts: 2 });
  const [acmeMessage, acmeDeletedMessage] = await addMessages(db, acme.organizationId, [
    { contactId: acme.contactIds[0], createdAt: minutesAgo(20), body: "inbound one" },
    { contactId: acme.contactIds[0], createdAt: minutesAgo(15), deletedAt: minutesAgo(1), body: "deleted one" },
    { contactId: acme.contactIds[0], createdAt: minutesAgo(10), kind: "task", body: "inbound two" },
    { contactId: acme.contactIds[1], createdAt: minutesAgo(9), direction: "outbound", body: "we wrote" },
    { contactId: acme.contactIds[1], createdAt: minutesAgo(8), kind: "system", body: "system note" },
  ]);
  const [globexMessage] = await addMessages(db, globex.organizationId, [
    { contactId: globex.contactIds[0], createdAt: minutesAgo(5), body: "globex inbound" },
  ]);
  const a = acme.organizationId;
  return {
    acme,
    globex,
    readable: acme.contactIds[0],
    nothingToUnread: acme.contactIds[1],
    acmeMessage,
    acmeDeletedMessage,
    globexContact: globex.contactIds[0],
    globexMessage,
    acmeEndpoint: await endpointOf(acme.organizationId),
    cookies: {
      agent: await cookieFor(acme.users.agent.id, a),
      admin: await cookieFor(acme.users.admin.id, a),
      viewer: await cookieFor(acme.users.viewer.id, a),
      stranger: await cookieFor(randomUUID(), randomUUID()),
      wrongSecret: `next-auth.session-token=${await encode({
        secret: "not-the-app-secret-at-all-0123456789",
        token: { userId: acme.users.admin.id, activeOrganizationId: a },
      })}`,
    },
  };
}

/** Builds the world (and a realtime server) before the file's tests; read it inside a test. */
export function withFuzzWorld(): () => FuzzWorld {
  let world: FuzzWorld | undefined;
  withRealtimeServer();
  beforeAll(async () => {
    world = await createFuzzWorld();
  });
  return () => {
    if (!world) throw new Error("the fuzz world is built in beforeAll: read it inside a test");
    return world;
  };
}
