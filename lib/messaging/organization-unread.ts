import "#server-only";
import type { Database } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { mutedExpression } from "@/lib/messaging/counted-state";
import { unreadCountExpression } from "@/lib/messaging/unread-counts";
import type { OrganizationUnread } from "@/lib/shared/api-types";

type Row = { organization_id: string; id: string; unread: number | bigint; last_read_at: Date | null; muted: boolean };

/**
 * For the organization switcher (issue 14, item 4): per organization, this
 * user's contacts with unread messages or muted, with count and read
 * position, from which the browser keeps each total live by itself. A read:
 * one pass over the organizations' contacts with two primary-key probes per
 * contact, at page load only (never per event).
 */
/**
 * The member's other organizations the switcher counts: only those whose
 * messages they may see (their channel is refused otherwise).
 */
export function listableOtherOrganizations(memberships: { organizationId: string; role: Role }[], activeOrganizationId: string): string[] {
  return memberships
    .filter((membership) => membership.organizationId !== activeOrganizationId && can(membership.role, "messages:list"))
    .map((membership) => membership.organizationId);
}

export async function organizationsUnread(db: Database, userId: string, organizationIds: string[]): Promise<OrganizationUnread[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT c.organization_id, c.id, ${unreadCountExpression} AS unread, crs.last_read_at, ${mutedExpression(userId)} AS muted
    FROM contact c
    LEFT JOIN conversation_read_state crs ON crs.user_id = ${userId}::uuid AND crs.contact_id = c.id
    WHERE c.organization_id = ANY(${organizationIds}::uuid[])
      AND (${unreadCountExpression} > 0 OR ${mutedExpression(userId)})`);
  return organizationIds.map((organizationId) => ({
    organizationId,
    contacts: rows
      .filter((row) => row.organization_id === organizationId)
      .map((row) => ({ contactId: row.id, unread: Number(row.unread), lastReadAt: row.last_read_at?.toISOString() ?? null, muted: Boolean(row.muted) })),
  }));
}
