// The two organizations of the authorization matrix, Acme (viewer, agent,
// admin) and Globex (an agent: the foreign caller), with messages that carry
// a tag unique to their organization, and every string that belongs to one of
// them, to search the other's answers for.
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/prisma";
import { DEV_DEFAULTS } from "@/lib/config/server-config";
import { createInboundEndpoint } from "@/lib/webhooks/inbound-endpoints";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../../support/fixtures";
import { CALLERS, type Caller, type Target, type TargetKind } from "./authorization-cases";
import { cookieFor } from "./call-route";

type Home = "acme" | "globex";

export type AuthorizationWorld = {
  acme: OrgFixture;
  globex: OrgFixture;
  tags: Record<Home, string>;
  cookies: Record<Caller, string | undefined>;
  userIds: Record<Caller, string | null>;
  /** Strings that belong to one organization: ids, names, emails, message bodies, its tag. */
  secrets: Record<Home, string[]>;
};

async function secretsOf(db: Database, fixture: OrgFixture, tag: string): Promise<string[]> {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: fixture.organizationId } });
  const contacts = await db.contact.findMany({ where: { organizationId: fixture.organizationId } });
  const messages = await db.message.findMany({ where: { organizationId: fixture.organizationId } });
  const users = await db.user.findMany({ where: { id: { in: Object.values(fixture.users).map((user) => user.id) } } });
  return [
    tag,
    organization.id,
    organization.name,
    organization.slug,
    ...contacts.flatMap((contact) => [contact.id, contact.name]),
    ...messages.flatMap((message) => [message.id, message.body]),
    ...users.flatMap((user) => [user.id, user.email, user.name]),
  ];
}

export function homeOf(caller: Caller): Home {
  return caller === "foreignAgent" ? "globex" : "acme";
}

export async function createAuthorizationWorld(db: Database): Promise<AuthorizationWorld> {
  const acme = await createOrganization(db, {
    members: { viewer: "viewer", agent: "agent", admin: "admin" },
    contacts: 3,
  });
  const globex = await createOrganization(db, { members: { agent: "agent" }, contacts: 3 });
  const tags = { acme: `acme-secret-${randomUUID().slice(0, 8)}`, globex: `globex-secret-${randomUUID().slice(0, 8)}` };
  for (const [key, fixture] of [["acme", acme], ["globex", globex]] as const) {
    await addMessages(
      db,
      fixture.organizationId,
      fixture.contactIds.flatMap((contactId, index) => [
        { contactId, createdAt: minutesAgo(30 + index), body: `hello from ${tags[key]} #${index}` },
        { contactId, createdAt: minutesAgo(20 + index), body: `more from ${tags[key]} #${index}`, kind: "post" as const },
        { contactId, direction: "outbound" as const, createdAt: minutesAgo(10), body: `answer ${tags[key]} #${index}` },
      ]),
    );
  }
  const userIds: AuthorizationWorld["userIds"] = {
    anonymous: null,
    viewer: acme.users.viewer.id,
    agent: acme.users.agent.id,
    admin: acme.users.admin.id,
    foreignAgent: globex.users.agent.id,
  };
  const cookies = Object.fromEntries(
    await Promise.all(
      CALLERS.map(async (caller) => {
        const userId = userIds[caller];
        const orgId = homeOf(caller) === "acme" ? acme.organizationId : globex.organizationId;
        return [caller, userId ? await cookieFor(userId, orgId) : undefined] as const;
      }),
    ),
  ) as AuthorizationWorld["cookies"];
  return {
    acme,
    globex,
    tags,
    cookies,
    userIds,
    secrets: { acme: await secretsOf(db, acme, tags.acme), globex: await secretsOf(db, globex, tags.globex) },
  };
}

export function targetFor(db: Database, world: AuthorizationWorld, caller: Caller, kind: TargetKind): Target {
  const home = homeOf(caller);
  const orgKey = kind === "own" ? home : home === "acme" ? "globex" : "acme";
  const fixture = world[orgKey];
  const tag = world.tags[orgKey];
  return {
    organizationId: fixture.organizationId,
    tag,
    contactId: fixture.contactIds[0],
    message: async () => {
      const [id] = await addMessages(db, fixture.organizationId, [{ contactId: fixture.contactIds[0], body: `to delete ${tag}` }]);
      return id;
    },
    // "self" resolves to the caller's own id in the user-channel variant
    userId: kind === "own" ? "self" : Object.values(fixture.users)[0].id,
    endpoint: () => freshEndpoint(db, fixture.organizationId),
  };
}

/** A new endpoint of the organization, sealed with the secret the tests run the app with. */
export async function freshEndpoint(db: Database, organizationId: string) {
  const created = await createInboundEndpoint(db, {
    organizationId,
    name: `matrix ${randomUUID().slice(0, 8)}`,
    serverSecret: DEV_DEFAULTS.nextAuthSecret,
  });
  return { id: created.endpoint.id, path: created.endpoint.path, secret: created.secret };
}

export function ghostTarget(): Target {
  const contactId = randomUUID();
  const endpointId = randomUUID();
  return {
    organizationId: randomUUID(),
    tag: "ghost",
    contactId,
    message: async () => randomUUID(),
    userId: randomUUID(),
    endpoint: async () => ({ id: endpointId, path: `/api/webhooks/inbound/${endpointId}`, secret: "whsec_ghost" }),
  };
}

/** Another organization's strings, as seen by this caller (anonymous: both organizations are foreign). */
export function foreignSecrets(world: AuthorizationWorld, caller: Caller): string[] {
  if (caller === "anonymous") return [...world.secrets.acme, ...world.secrets.globex];
  return homeOf(caller) === "acme" ? world.secrets.globex : world.secrets.acme;
}
