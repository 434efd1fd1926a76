// Server-side data for the inbox pages: the first page of contacts with
// their unread counts (so badges are right in the HTML) and, for a deep link,
// the conversation's newest messages. Cached per request so the page and its
// metadata (the title carries the total) share one load.
import "#server-only";
import { isUuid } from "@/lib/shared/uuid";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DomainError } from "@/lib/domain/domain-error";
import { requirePageSession, type PageSession } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { getPrisma } from "@/lib/db/prisma";
import { listContacts, type ContactPage, type ContactSummary } from "@/lib/messaging/contact-list";
import { requireContact } from "@/lib/messaging/contacts";
import { listMessages, type MessagePage } from "@/lib/messaging/messages";
import { readContactStates } from "@/lib/messaging/counted-state";

export const FIRST_PAGE_CONTACTS = 100;
export const FIRST_PAGE_MESSAGES = 30;

export type InboxData =
  | { access: "denied"; session: PageSession }
  | {
      access: "granted";
      session: PageSession;
      contacts: ContactPage;
      thread: { contact: { id: string; name: string }; page: MessagePage } | null;
      /** Unread total as the first paint shows it (the open conversation counts 0). */
      total: number;
      /** Relative times in the HTML are computed against this instant. */
      renderedAt: number;
    };

export const loadInbox = cache(async (contactId: string | null): Promise<InboxData> => {
  const session = await requirePageSession(contactId ? `/inbox/${contactId}` : "/inbox");
  if (!can(session.role, "messages:list")) return { access: "denied", session };
  // A malformed id is the same "not found" as another organization's contact.
  if (contactId !== null && !isUuid(contactId)) notFound();

  const db = getPrisma();
  const scope = { userId: session.userId, organizationId: session.organization.id };
  const [contacts, thread] = await Promise.all([
    listContacts(db, { ...scope, filter: "all", limit: FIRST_PAGE_CONTACTS }),
    contactId ? loadThread(scope, contactId.toLowerCase()) : null,
  ]);

  if (thread && !contacts.contacts.some((contact) => contact.id === thread.summary.id)) {
    // Deep link to a contact beyond the first page: list it too.
    contacts.contacts = [...contacts.contacts, thread.summary];
  }
  // Muted conversations keep their count but stay out of the total (issue 14).
  const total = contacts.contacts.reduce(
    (sum, contact) => sum + (contact.id === thread?.summary.id || contact.muted ? 0 : contact.unreadCount),
    0,
  );
  return {
    access: "granted",
    session,
    contacts,
    thread: thread ? { contact: { id: thread.summary.id, name: thread.summary.name }, page: thread.page } : null,
    total,
    renderedAt: Date.now(),
  };
});

async function loadThread(scope: { userId: string; organizationId: string }, contactId: string) {
  const db = getPrisma();
  try {
    const contact = await requireContact(db, scope.organizationId, contactId);
    const [page, { counts, states }] = await Promise.all([
      listMessages(db, scope, contactId, { limit: FIRST_PAGE_MESSAGES }),
      readContactStates(db, scope, [contactId]),
    ]);
    const newest = page.messages[0];
    const summary: ContactSummary = {
      id: contact.id,
      name: contact.name,
      unreadCount: counts[contactId] ?? 0,
      lastReadAt: null,
      muted: states[contactId]?.muted ?? false,
      countState: states[contactId],
      lastMessage: newest
        ? { id: newest.id, direction: newest.direction, kind: newest.kind, preview: newest.preview, createdAt: newest.createdAt }
        : null,
    };
    return { summary, page };
  } catch (error) {
    // Missing, or another organization's: the same friendly 404 either way.
    if (error instanceof DomainError && error.kind === "not_found") notFound();
    throw error;
  }
}
