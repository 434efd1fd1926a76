// The other organizations' unread state of the signed-in user, once per
// request (React cache, keyed by strings: the header's switcher and the inbox
// each hold their own session object).
import "#server-only";
import { cache } from "react";
import type { PageSession } from "@/lib/auth/current-user";
import { getPrisma } from "@/lib/db/prisma";
import { listableOtherOrganizations, organizationsUnread } from "@/lib/messaging/organization-unread";

const load = cache((userId: string, organizationIds: string) =>
  organizationsUnread(getPrisma(), userId, organizationIds ? organizationIds.split(",") : []),
);

export function loadOtherOrganizationsUnread(session: PageSession) {
  const memberships = session.organizations.map((organization) => ({ organizationId: organization.id, role: organization.role }));
  return load(session.userId, listableOtherOrganizations(memberships, session.organization.id).join(","));
}
