import { otherMethods, withRoute } from "@/lib/api/with-route";
import { getPrisma } from "@/lib/db/prisma";
import { listableOtherOrganizations, organizationsUnread } from "@/lib/messaging/organization-unread";
import type { OrganizationsUnreadResponse } from "@/lib/shared/api-types";

/**
 * What the page brings for the switcher, again: a tab asks once after its
 * connection came back (events sent meanwhile are lost), never per event.
 */
export const GET = withRoute({ permissions: ["messages:list"] }, async ({ session }) => {
  const db = getPrisma();
  const memberships = await db.membership.findMany({ where: { userId: session.userId }, select: { organizationId: true, role: true } });
  const organizations = await organizationsUnread(db, session.userId, listableOtherOrganizations(memberships, session.organizationId));
  return Response.json({ organizations } satisfies OrganizationsUnreadResponse, { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
