import "#server-only";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/api-error";
import { serverConfig } from "@/lib/config/server-config";
import { getPrisma } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";

export type RequestSession = {
  userId: string;
  organizationId: string;
  role: Role;
};

/**
 * Reads the session from the request's own cookie (so handlers also run
 * outside Next's request scope, as in the integration tests) and re-reads the
 * role from the database on every call: a removed member loses access at
 * once, whatever their token says.
 */
export async function requireSession(req: NextRequest): Promise<RequestSession> {
  const token = await getToken({ req, secret: serverConfig().nextAuthSecret });
  if (!token?.userId) throw new ApiError("unauthorized", "Sign in to continue.");
  if (!token.activeOrganizationId) throw new ApiError("forbidden", "You are not a member of any organization.");
  const membership = await getPrisma().membership.findUnique({
    where: { userId_organizationId: { userId: token.userId, organizationId: token.activeOrganizationId } },
    select: { role: true },
  });
  if (!membership) throw new ApiError("forbidden", "You are no longer a member of this organization.");
  return { userId: token.userId, organizationId: token.activeOrganizationId, role: membership.role };
}
