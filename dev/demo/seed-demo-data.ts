// Seeds the demo organizations, accounts and inbox (dev/demo/demo-*.ts).
//
// Idempotent: every row has a deterministic id (a v4-shaped UUID derived from
// a stable name such as "contact:acme:maria-gonzalez"), organizations and users
// are upserted by slug and email, and everything else is inserted with
// createMany({ skipDuplicates: true }), so a second run inserts nothing and
// changes nothing. Message times are relative to the moment the demo
// organization was first seeded (stored in its created_at), not to the
// current run, so re-running never moves anything either.
//
// contact.last_message_at/_id are maintained by a trigger on message, so the
// seed never writes them.

import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, type DemoUserKey } from "./demo-accounts";
import { DEMO_CONVERSATIONS } from "./demo-conversations";
import { parseAgo, type DemoContactScript } from "./demo-script";

export type SeedDemoDataOptions = {
  /** The moment the demo history ends at; only used when an organization is first seeded. */
  now?: Date;
  log?: (line: string) => void;
};

/** Rows that exist for the demo organizations after seeding. */
export type SeedDemoDataResult = {
  organizations: number;
  users: number;
  contacts: number;
  messages: number;
  readStates: number;
};

const MINUTE = 60_000;
/** Demo organizations are "created" this long before the newest demo message. */
const ORGANIZATION_AGE_MS = 120 * 24 * 60 * MINUTE;

/** A v4-formatted UUID derived from a stable name: the same name, the same id. */
export function demoUuid(name: string): string {
  const bytes = createHash("sha256").update(`badger-demo:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export type DemoRows = {
  contacts: Prisma.ContactCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
  readStates: Prisma.ConversationReadStateCreateManyInput[];
};

/**
 * The rows of one demo organization, computed from its scripts: pure, so the
 * same inputs always give the same rows. `anchor` is when the history ends;
 * `members` maps each member's demo key to their user id.
 */
export function planDemoRows(input: {
  slug: string;
  organizationId: string;
  anchor: Date;
  members: Partial<Record<DemoUserKey, string>>;
  contacts: readonly DemoContactScript[];
}): DemoRows {
  const { slug, organizationId, members } = input;
  const anchor = input.anchor.getTime();
  const rows: DemoRows = { contacts: [], messages: [], readStates: [] };
  const seenKeys = new Set<string>();

  for (const contact of input.contacts) {
    const key = `${slug}:${slugify(contact.name)}`;
    if (seenKeys.has(key)) throw new Error(`Duplicate demo contact ${key}`);
    seenKeys.add(key);
    const contactId = demoUuid(`contact:${key}`);
    const script = contact.script ?? [];

    // Lines are written oldest first; lines with the same "ago" are spread a
    // few minutes apart so every message has its own, strictly later time.
    const times: number[] = [];
    let previousAgo = Infinity;
    script.forEach(([ago], index) => {
      const minutes = parseAgo(ago);
      if (minutes > previousAgo) throw new Error(`${key}: line ${index} ("${ago}") is older than the line before`);
      previousAgo = minutes;
      const previous = times.at(-1);
      let time = anchor - minutes * MINUTE;
      if (previous !== undefined && time <= previous) time = previous + (2 + (index % 4)) * MINUTE;
      if (time > anchor) throw new Error(`${key}: line ${index} ends up after now; leave more room before it`);
      times.push(time);
    });

    const createdAt =
      contact.created !== undefined
        ? anchor - parseAgo(contact.created) * MINUTE
        : (times[0] ?? anchor) - 10 * MINUTE;
    rows.contacts.push({
      id: contactId,
      organizationId,
      name: contact.name,
      phone: contact.phone ?? null,
      email: contact.email ?? null,
      createdAt: new Date(Math.min(createdAt, times[0] ?? createdAt)),
    });

    const counted: number[] = [];
    script.forEach(([, from, body, options = {}], index) => {
      const kind = options.kind ?? "chat";
      const inbound = from === "contact";
      if (inbound && kind === "system") throw new Error(`${key}: line ${index}: system lines need a team member`);
      const authorUserId = inbound ? null : members[from];
      if (authorUserId === undefined) throw new Error(`${key}: line ${index}: ${from} is not a member of ${slug}`);
      if (inbound && kind !== "system" && !options.deleted) counted.push(index);
      rows.messages.push({
        id: demoUuid(`message:${key}:${index}`),
        organizationId,
        contactId,
        direction: inbound ? "inbound" : "outbound",
        kind,
        body,
        authorUserId,
        createdAt: new Date(times[index]),
        deletedAt: options.deleted ? new Date(Math.min(times[index] + 3 * MINUTE, anchor)) : null,
      });
    });

    // Contacts without messages need no read position (nothing to count).
    if (times.length === 0) continue;
    for (const [memberKey, userId] of Object.entries(members) as [DemoUserKey, string][]) {
      const spec = contact.unread?.[memberKey] ?? 0;
      if (spec === "all") continue; // never opened: no row, the whole history is unread
      if (spec > counted.length) {
        throw new Error(`${key}: ${memberKey} cannot have ${spec} unread, only ${counted.length} messages count`);
      }
      let lastReadAt: number;
      if (spec === 0) {
        lastReadAt = Math.min(times[times.length - 1] + MINUTE, anchor);
      } else {
        // Read up to the message just before the oldest unread one.
        const firstUnread = counted[counted.length - spec];
        lastReadAt = firstUnread > 0 ? times[firstUnread - 1] : times[0] - MINUTE;
      }
      rows.readStates.push({
        id: demoUuid(`read-state:${memberKey}:${key}`),
        organizationId,
        userId,
        contactId,
        lastReadAt: new Date(lastReadAt),
        createdAt: new Date(lastReadAt),
        updatedAt: new Date(lastReadAt),
      });
    }
  }
  return rows;
}

export async function seedDemoData(
  prisma: PrismaClient,
  options: SeedDemoDataOptions = {},
): Promise<SeedDemoDataResult> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const accounts = DEMO_ORGANIZATIONS.flatMap((org) => org.accounts);
  const emails = accounts.map((account) => account.email);

  // Hash at most once per run, and only when some demo user lacks a working
  // `password` hash: keeping a valid hash keeps re-runs from rewriting rows.
  const existingUsers = await prisma.user.findMany({
    where: { email: { in: emails } },
    select: { email: true, passwordHash: true },
  });
  const validHash = new Map<string, boolean>();
  await Promise.all(
    existingUsers.map(async (user) => {
      const valid =
        user.passwordHash !== null &&
        (await verifyPassword(DEMO_PASSWORD, user.passwordHash).catch(() => false));
      validHash.set(user.email, valid);
    }),
  );
  const needsHash = emails.filter((email) => !validHash.get(email));
  const passwordHash = needsHash.length > 0 ? await hashPassword(DEMO_PASSWORD) : undefined;

  const result = await prisma.$transaction(
    async (tx) => {
      const organizationIds: string[] = [];
      const userIds = new Map<DemoUserKey, string>();
      const rows: DemoRows = { contacts: [], messages: [], readStates: [] };

      for (const org of DEMO_ORGANIZATIONS) {
        const organization = await tx.organization.upsert({
          where: { slug: org.slug },
          create: {
            id: demoUuid(`organization:${org.slug}`),
            name: org.name,
            slug: org.slug,
            createdAt: new Date(now.getTime() - ORGANIZATION_AGE_MS),
          },
          update: { name: org.name },
        });
        organizationIds.push(organization.id);
        // First seeding: anchor = now. Later runs: the same anchor as then.
        const anchor = new Date(Math.min(organization.createdAt.getTime() + ORGANIZATION_AGE_MS, now.getTime()));

        const members: Partial<Record<DemoUserKey, string>> = {};
        for (const account of org.accounts) {
          const rehash = needsHash.includes(account.email);
          const user = await tx.user.upsert({
            where: { email: account.email },
            create: {
              id: demoUuid(`user:${account.email}`),
              email: account.email,
              name: account.name,
              passwordHash,
              createdAt: organization.createdAt,
            },
            update: rehash ? { name: account.name, passwordHash } : { name: account.name },
            select: { id: true },
          });
          await tx.membership.upsert({
            where: { userId_organizationId: { userId: user.id, organizationId: organization.id } },
            create: {
              id: demoUuid(`membership:${account.email}:${org.slug}`),
              userId: user.id,
              organizationId: organization.id,
              role: account.role,
              createdAt: organization.createdAt,
            },
            update: { role: account.role },
          });
          userIds.set(account.key, user.id);
          members[account.key] = user.id;
        }

        const planned = planDemoRows({
          slug: org.slug,
          organizationId: organization.id,
          anchor,
          members,
          contacts: DEMO_CONVERSATIONS[org.slug],
        });
        rows.contacts.push(...planned.contacts);
        rows.messages.push(...planned.messages);
        rows.readStates.push(...planned.readStates);
      }

      const contacts = await tx.contact.createMany({ data: rows.contacts, skipDuplicates: true });
      const messages = await tx.message.createMany({ data: rows.messages, skipDuplicates: true });
      const readStates = await tx.conversationReadState.createMany({ data: rows.readStates, skipDuplicates: true });
      log(
        `demo: ${DEMO_ORGANIZATIONS.map((org) => org.slug).join(", ")}; ${userIds.size} accounts` +
          (passwordHash ? ` (password set for ${needsHash.join(", ")})` : "") +
          `; inserted ${contacts.count} contacts, ${messages.count} messages, ${readStates.count} read states` +
          ` (${rows.contacts.length - contacts.count + rows.messages.length - messages.count +
            rows.readStates.length - readStates.count} already present)`,
      );
      return { organizationIds };
    },
    { maxWait: 10_000, timeout: 30_000 },
  );

  const inDemoOrgs = { organizationId: { in: result.organizationIds } };
  const [organizations, users, contacts, messages, readStates] = await Promise.all([
    prisma.organization.count({ where: { id: { in: result.organizationIds } } }),
    prisma.user.count({ where: { memberships: { some: inDemoOrgs } } }),
    prisma.contact.count({ where: inDemoOrgs }),
    prisma.message.count({ where: inDemoOrgs }),
    prisma.conversationReadState.count({ where: inDemoOrgs }),
  ]);
  return { organizations, users, contacts, messages, readStates };
}
