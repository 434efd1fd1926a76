import "#server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/auth-options";
import { getPrisma } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";

export type PageSession = {
  userId: string;
  name: string;
  email: string;
  organization: { id: string; name: string; slug: string };
  role: Role;
  organizations: { id: string; name: string; role: Role }[];
};

/**
 * The session and memberships, read once per request (React cache): the
 * layout and its page both need them. A redirect is the caller's: it knows
 * where to return to.
 */
const readPageSession = cache(async (): Promise<PageSession | "signed-out" | "no-organization"> => {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return "signed-out";
  const memberships = await getPrisma().membership.findMany({
    where: { userId: session.user.id },
    orderBy: { createdAt: "asc" },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
  });
  const active =
    memberships.find((membership) => membership.organization.id === session.activeOrganizationId) ?? memberships[0];
  if (!active) return "no-organization";
  return {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    organization: active.organization,
    role: active.role,
    organizations: memberships.map((membership) => ({
      id: membership.organization.id,
      name: membership.organization.name,
      role: membership.role,
    })),
  };
});

/** For server components: the signed-in user in their active organization, or a redirect to /login. */
export async function requirePageSession(returnTo: string): Promise<PageSession> {
  const session = await readPageSession();
  if (session === "signed-out") redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (session === "no-organization") redirect("/login?error=NoOrganization");
  return session;
}
