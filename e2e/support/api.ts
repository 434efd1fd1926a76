import { expect, type APIRequestContext } from "@playwright/test";

/**
 * The unread API, called with a page's own cookies (page.request), so the
 * expectations of a scenario are the server's truth at test time, never
 * counts copied from the seed.
 */
export async function unreadCounts(request: APIRequestContext, contactIds: string[]): Promise<Record<string, number>> {
  const response = await request.get(`/api/messaging/unread-counts?contact_ids=${contactIds.join(",")}`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { counts: Record<string, number> }).counts;
}

export async function unreadCount(request: APIRequestContext, contactId: string): Promise<number> {
  return (await unreadCounts(request, [contactId]))[contactId] ?? 0;
}

/** Every contact with unread messages for this user (the resync endpoint). */
export async function unreadContactIds(request: APIRequestContext): Promise<string[]> {
  const response = await request.get("/api/messaging/contacts?filter=unread&limit=100");
  expect(response.status()).toBe(200);
  const page = (await response.json()) as { contacts: { id: string }[]; nextCursor: string | null };
  expect(page.nextCursor, "more than 100 unread contacts: page through them").toBeNull();
  return page.contacts.map((contact) => contact.id);
}

/** The badge's text for a count, as the UI spec says: the number, or 99+ above 99. */
export const badgeText = (count: number) => (count > 99 ? "99+" : String(count));

/** The document title for a total, as the UI spec says: "(7) Inbox · Badger". */
export const inboxTitle = (total: number) => (total > 0 ? `(${total}) Inbox · Badger` : "Inbox · Badger");
