// The other organizations' unread state of the signed-in user, once per
// request (React cache: the layout's switcher and the inbox page share the
// request's one session object, lib/auth/current-user.ts).
import "#server-only";
import { cache } from "react";
import type { PageSession } from "@/lib/auth/current-user";
import { getPrisma } from "@/lib/db/prisma";
import { listableOtherOrganizations, organizationsUnread } from "@/lib/messaging/organization-unread";

/** The other organizations the switcher counts for this session. */
export function otherOrganizationIds(session: PageSession): string[] {
  const memberships = session.organizations.map((organization) => ({ organizationId: organization.id, role: organization.role }));
  return listableOtherOrganizations(memberships, session.organization.id);
}

export const loadOtherOrganizationsUnread = cache((session: PageSession) =>
  organizationsUnread(getPrisma(), session.userId, otherOrganizationIds(session)),
);
