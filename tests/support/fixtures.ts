import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";

export type OrgFixture = {
  organizationId: string;
  users: Record<string, { id: string; role: Role }>;
  contactIds: string[];
};

/** A fresh organization with the given members and contacts; unique per call, so suites never collide. */
export async function createOrganization(
  db: Database,
  options: { members: Record<string, Role>; contacts?: number },
): Promise<OrgFixture> {
  const suffix = randomUUID().slice(0, 8);
  const organization = await db.organization.create({
    data: { name: `Org ${suffix}`, slug: `org-${suffix}` },
    select: { id: true },
  });
  const users: OrgFixture["users"] = {};
  for (const [key, role] of Object.entries(options.members)) {
    const user = await db.user.create({
      data: { email: `${key}-${suffix}@test.local`, name: `${key} ${suffix}` },
      select: { id: true },
    });
    await db.membership.create({ data: { userId: user.id, organizationId: organization.id, role } });
    users[key] = { id: user.id, role };
  }
  const contactIds: string[] = Array.from({ length: options.contacts ?? 0 }, () => randomUUID());
  await db.contact.createMany({
    data: contactIds.map((id, index) => ({ id, organizationId: organization.id, name: `Contact ${index} ${suffix}` })),
  });
  return { organizationId: organization.id, users, contactIds };
}

type MessageSeed = {
  contactId: string;
  direction?: "inbound" | "outbound";
  kind?: "chat" | "post" | "task" | "system";
  createdAt?: Date;
  deletedAt?: Date | null;
  body?: string;
};

export async function addMessages(db: Database, organizationId: string, messages: MessageSeed[]) {
  const rows = messages.map((message) => ({
    id: randomUUID(),
    organizationId,
    contactId: message.contactId,
    direction: message.direction ?? "inbound",
    kind: message.kind ?? "chat",
    body: message.body ?? "hello",
    createdAt: message.createdAt ?? new Date(),
    deletedAt: message.deletedAt ?? null,
  }));
  await db.message.createMany({ data: rows });
  return rows.map((row): string => row.id);
}

export function minutesAgo(minutes: number) {
  return new Date(Date.now() - minutes * 60_000);
}
