import "#server-only";
import { z } from "zod";
import { getPrisma } from "@/lib/db/prisma";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export type SignedInUser = { id: string; email: string; name: string };

/** Email + password check. Returns null for every kind of failure alike. */
export async function checkCredentials(input: unknown): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await getPrisma().user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  if (!user?.passwordHash) return verifyAgainstDummy(parsed.data.password).then(() => null);
  const valid = await verifyPassword(parsed.data.password, user.passwordHash);
  return valid ? { id: user.id, email: user.email, name: user.name } : null;
}

/** The organization a fresh session starts in: the user's oldest membership. */
export async function defaultOrganizationId(userId: string): Promise<string | null> {
  const membership = await getPrisma().membership.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { organizationId: true },
  });
  return membership?.organizationId ?? null;
}

export async function isMemberOf(userId: string, organizationId: string): Promise<boolean> {
  const membership = await getPrisma().membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { id: true },
  });
  return membership !== null;
}
