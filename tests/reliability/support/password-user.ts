// Accounts with a real password, for tests that sign in through the app's
// NextAuth credentials route, and client addresses for its per-address throttle.
import { hashPassword } from "@/lib/auth/password";
import { createOrganization } from "../../support/fixtures";
import { getTestPrisma } from "../../support/test-database";

/** A random 10.x.y.z address, so that no two tests share the per-address login throttle. */
export const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/** A fresh organization whose only member (an admin) signs in with `password`. */
export async function userWithPassword(password: string) {
  const db = getTestPrisma();
  const org = await createOrganization(db, { members: { member: "admin" }, contacts: 1 });
  const user = await db.user.update({
    where: { id: org.users.member.id },
    data: { passwordHash: await hashPassword(password) },
  });
  return { org, user };
}
