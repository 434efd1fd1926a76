// Scenarios 1 and 2: signing in, first paint, and reading a conversation.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../dev/demo/demo-accounts";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";
import { unreadCount, unreadCounts } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { EMAIL, storageStateOf } from "./support/users";

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

/** The rows of the server-rendered HTML: what the first paint shows, before any script runs. */
function serverRenderedCounts(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [tag, id] of html.matchAll(/<div[^>]*data-testid="contact-row-([0-9a-f-]{36})"[^>]*>/g)) {
    counts[id] = Number(/data-unread-count="(\d+)"/.exec(tag)?.[1]);
  }
  return counts;
}

test.describe("signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("1. alice's sidebar badges equal the unread-counts API; a wrong password is refused", async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(EMAIL.alice, "not-her-password");
    await expect(login.errorMessage()).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/login/);
    const session = await page.request.get("/api/auth/session");
    expect((await session.json()) as { user?: unknown }).not.toHaveProperty("user");
    expect((await page.request.get("/api/messaging/unread-counts")).status()).toBe(401);

    await login.signIn(EMAIL.alice, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByTestId("user-name")).toHaveText("Alice Anders");
    const inbox = new InboxPage(page);
    await inbox.waitForRealtime();

    const rows = await inbox.rows();
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const ids = rows.map((row) => row.id);
    const counts = await unreadCounts(page.request, ids);
    // The demo data gives alice a mix of read and unread conversations.
    expect(ids.some((id) => (counts[id] ?? 0) > 0)).toBe(true);
    expect(ids.some((id) => (counts[id] ?? 0) === 0)).toBe(true);
    for (const id of ids) await inbox.expectUnread(id, counts[id] ?? 0);
    await inbox.expectTotal(sum(counts));

    // First paint is right: the server's HTML carries the same badges (no flash of zeros).
    const html = await (await page.request.get("/inbox")).text();
    const firstPaint = serverRenderedCounts(html);
    expect(Object.keys(firstPaint).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(firstPaint[id], `first paint of ${id}`).toBe(counts[id] ?? 0);
  });
});

test.describe("reading", () => {
  test.use({ storageState: storageStateOf("alice") });

  test("2. clicking a contact with a badge clears it at once, and it is still gone after a reload", async ({ page }) => {
    const contactId = await contactIdByName("Oluwaseun Adeyemi");
    // A badge to clear, whatever the scenarios before this one did.
    await sendInbound({ contactId, body: "Any news on the replacement drawer runners?" });
    const inbox = new InboxPage(page);
    await inbox.goto();
    await inbox.waitForRealtime();
    const ids = (await inbox.rows()).map((row) => row.id);
    const counts = await unreadCounts(page.request, ids);
    const before = counts[contactId] ?? 0;
    expect(before).toBeGreaterThan(0);
    await inbox.expectUnread(contactId, before);
    await inbox.expectTotal(sum(counts));

    // Hold the mark-read request: whatever changes before the server answers is the optimistic UI.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/api/messaging/contacts/${contactId}/read`, async (route) => {
      await held;
      await route.continue();
    });
    const markRead = inbox.waitForMarkRead(contactId);
    await inbox.open(contactId);
    await inbox.expectActive(contactId);
    await inbox.expectUnread(contactId, 0);
    await inbox.expectTotal(sum(counts) - before);
    release();
    expect((await markRead).status()).toBe(204);
    await page.unrouteAll();

    await inbox.goto();
    await inbox.expectUnread(contactId, 0);
    expect(await unreadCount(page.request, contactId)).toBe(0);
  });
});
