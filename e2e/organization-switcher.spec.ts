// Issue 14, item 4: a member of Acme and Globex (the demo's Olivia) sees every
// organization's unread total in the switcher, kept live from events: a
// message in the other organization, and her own read there on another
// device, move it without a reload or a switch.
import { expect, test } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { organizationIdBySlug, query, sendInbound } from "./support/stack";
import { pageAs, storageStateOf } from "./support/users";

test.use({ storageState: storageStateOf("olivia") });

/** The server's truth for Olivia in one organization: counted − read, muted left out. */
async function unreadIn(organizationId: string): Promise<number> {
  const [row] = await query<{ total: string }>(
    `SELECT COALESCE(SUM(c.counted_total - COALESCE(crs.read_through, 0)), 0) AS total
     FROM contact c
     JOIN "user" u ON u.email = 'olivia@example.test'
     LEFT JOIN conversation_read_state crs ON crs.user_id = u.id AND crs.contact_id = c.id
     WHERE c.organization_id = $1
       AND NOT EXISTS (SELECT 1 FROM conversation_mute cm WHERE cm.user_id = u.id AND cm.contact_id = c.id)`,
    [organizationId],
  );
  return Number(row.total);
}

test("the switcher shows each organization's unread, kept live from the other organization's events", async ({ page, browser }) => {
  const inbox = new InboxPage(page);
  await inbox.goto();
  await inbox.waitForRealtime();
  const switcher = page.getByTestId("org-switcher");
  await expect(switcher).toBeVisible();
  const acme = await organizationIdBySlug("acme");
  const globex = await organizationIdBySlug("globex");
  const active = await inbox.activeOrganization();
  const other = active === acme ? globex : acme;
  const otherOption = page.getByTestId(`org-option-${other}`);
  const elsewhere = page.getByTestId("org-switcher-elsewhere");

  const before = await unreadIn(other);
  expect(before).toBeGreaterThan(0);
  await expect(otherOption).toHaveAttribute("data-unread", String(before));
  await expect(elsewhere).toHaveText(`${before} elsewhere`);
  // This organization's own total is the inbox's.
  const activeTotal = Number((await inbox.unreadTotal.textContent())?.match(/\d+/)?.[0] ?? 0);
  await expect(page.getByTestId(`org-option-${active}`)).toHaveAttribute("data-unread", String(activeTotal));

  // A message in the other organization: +1 there, live.
  const [contact] = await query<{ id: string }>("SELECT id FROM contact WHERE organization_id = $1 ORDER BY last_message_at DESC NULLS LAST LIMIT 1", [other]);
  await sendInbound({ contactId: contact.id, body: "Hello from the other organization" });
  await expect(otherOption).toHaveAttribute("data-unread", String(before + 1));
  await expect(elsewhere).toHaveText(`${before + 1} elsewhere`);
  await expect(inbox.toast(contact.id)).toHaveCount(0);

  // Olivia reads that conversation on another device, in the other organization: the total drops here.
  const device = await pageAs(browser, "olivia");
  const there = new InboxPage(device);
  await there.goto();
  // Hydrated first: a menu clicked before React attached its handler opens nothing.
  await there.waitForRealtime();
  if ((await there.activeOrganization()) !== other) await there.switchOrganization(other);
  await there.waitForRealtime();
  const read = there.waitForMarkRead(contact.id);
  await there.open(contact.id);
  expect((await read).status()).toBe(204);
  await expect(otherOption).toHaveAttribute("data-unread", String(await unreadIn(other)));
  expect(await unreadIn(other)).toBeLessThan(before + 1);
  await device.context().close();
});
