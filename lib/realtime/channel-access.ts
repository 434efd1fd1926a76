import "#server-only";
import { UUID_SOURCE } from "@/lib/shared/uuid";
import type { Database } from "@/lib/db/prisma";
import { can } from "@/lib/auth/permissions";

const ORG_CHANNEL = new RegExp(`^private-org-(${UUID_SOURCE})$`);
const USER_CHANNEL = new RegExp(`^private-user-(${UUID_SOURCE})$`);

/**
 * Who may listen where: an organization's channel carries message previews,
 * so only its members who may list messages; a user's channel only its user.
 * Every other channel name is refused.
 */
export async function mayListen(db: Database, userId: string, channelName: string): Promise<boolean> {
  const userMatch = USER_CHANNEL.exec(channelName);
  if (userMatch) return userMatch[1] === userId;
  const orgMatch = ORG_CHANNEL.exec(channelName);
  if (!orgMatch) return false;
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId: orgMatch[1] } },
    select: { role: true },
  });
  return membership !== null && can(membership.role, "messages:list");
}
