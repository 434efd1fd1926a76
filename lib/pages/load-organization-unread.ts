// The other organizations' unread state of the signed-in user, once per
// request (React cache, keyed by strings: the header's switcher and the inbox
// each hold their own session object).
import "#server-only";
import { cache } from "react";
import type { PageSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/prisma";
import { organizationsUnread } from "@/lib/messaging/organization-unread";

const load = cache((userId: string, organizationIds: string) =>
  organizationsUnread(getPrisma(), userId, organizationIds ? organizationIds.split(",") : []),
);

export function loadOtherOrganizationsUnread(session: PageSession) {
  // Only organizations whose messages this member may see (their channel is refused otherwise).
  const others = session.organizations.filter(
    (organization) => organization.id !== session.organization.id && can(organization.role, "messages:list"),
  );
  return load(session.userId, others.map((organization) => organization.id).join(","));
}
