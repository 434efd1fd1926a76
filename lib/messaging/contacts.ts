import "#server-only";
import { notFound } from "@/lib/domain/domain-error";
import type { DatabaseClient } from "@/lib/db/prisma";

/**
 * The organization is part of every lookup: a contact of another
 * organization is simply not found, with the same error as a missing one.
 */
export async function requireContact(db: DatabaseClient, organizationId: string, contactId: string) {
  const contact = await db.contact.findFirst({
    where: { id: contactId, organizationId },
    select: { id: true, name: true, organizationId: true },
  });
  if (!contact) throw notFound("contact");
  return contact;
}
