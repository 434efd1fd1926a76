// What the database fault drills share: a small organization whose members
// send traffic, and waiting on conditions instead of fixed times.
import { performance } from "node:perf_hooks";
import type { Database } from "@/lib/db/prisma";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../../support/fixtures";
import { cookieFor } from "./call-route";

export const WORKERS = 6;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const now = () => performance.timeOrigin + performance.now();
/** Waits on what the drill needs (a count of samples), not on a time a loaded machine may not meet. */
export async function waitUntil(done: () => boolean, ms: number) {
  for (const deadline = now() + ms; !done() && now() < deadline; ) await sleep(50);
}

export type World = { org: OrgFixture; cookies: string[] };

export async function setUpWorld(db: Database): Promise<World> {
  const org = await createOrganization(db, {
    members: Object.fromEntries(Array.from({ length: WORKERS }, (_, index) => [`agent${index}`, "agent" as const])),
    contacts: 5,
  });
  await addMessages(db, org.organizationId, org.contactIds.map((contactId) => ({ contactId, createdAt: minutesAgo(3) })));
  const cookies = await Promise.all(Object.values(org.users).map((user) => cookieFor(user.id, org.organizationId)));
  return { org, cookies };
}
