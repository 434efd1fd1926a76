// Issue 14, item 2: desktop notifications with several tabs. The browser
// context has the notification permission granted; `Notification` and the
// tabs' visibility and focus are observed and switched through
// support/tab-hooks.ts (see there for why at that level).
import { expect, test, type Browser } from "@playwright/test";
import { InboxPage } from "./pages/inbox-page";
import { unreadCount } from "./support/api";
import { contactIdByName, sendInbound } from "./support/stack";
import { installTabHooks, notificationsIn, setTab } from "./support/tab-hooks";
import { storageStateOf } from "./support/users";

async function twoTabs(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf("alice") });
  await context.grantPermissions(["notifications"]);
  await installTabHooks(context);
  const tabs = [new InboxPage(await context.newPage()), new InboxPage(await context.newPage())];
  for (const tab of tabs) {
    await tab.goto();
    await tab.waitForRealtime();
  }
  // Opt in from the header of the first tab; the choice is this device's, for both tabs.
  const control = tabs[0].page.getByTestId("notification-control");
  await expect(control).toHaveAttribute("data-state", "off");
  await control.click();
  await expect(control).toHaveAttribute("data-state", "on");
  return { context, tabs };
}

test("with two tabs both hidden, one message gives exactly one notification; clicking it opens the conversation", async ({ browser }) => {
  const { context, tabs } = await twoTabs(browser);
  const contactId = await contactIdByName("Mei-Ling Chen");
  for (const tab of tabs) await setTab(tab.page, { visible: false, focused: false });
  const before = await unreadCount(tabs[0].page.request, contactId);

  const body = "Hello from the background: is anyone there? I have a question about my order and the delivery date, please.";
  const { id } = await sendInbound({ contactId, body });
  // Barrier: both tabs have handled the event (badge up), so both have decided.
  for (const tab of tabs) await tab.expectUnread(contactId, before + 1);
  const shown = [...(await notificationsIn(tabs[0].page)), ...(await notificationsIn(tabs[1].page))];
  expect(shown).toEqual([{ title: "Mei-Ling Chen", body: body.slice(0, 80), tag: id }]);
  // Hidden tabs do not toast.
  for (const tab of tabs) await expect(tab.toast(contactId)).toHaveCount(0);

  const leader = (await notificationsIn(tabs[0].page)).length === 1 ? tabs[0] : tabs[1];
  await leader.page.evaluate(() => (window as unknown as { __notifications: { instance: Notification }[] }).__notifications[0].instance.onclick?.(new Event("click")));
  await expect(leader.page).toHaveURL(new RegExp(`/inbox/${contactId}$`));
  await context.close();
});

test("a visible tab with the conversation open gives no notification; a visible tab toasts, a hidden one does not", async ({ browser }) => {
  const { context, tabs } = await twoTabs(browser);
  const [front, back] = tabs;
  const openId = await contactIdByName("Jakob Nowak");
  const otherId = await contactIdByName("Liam O'Connor");
  await front.open(openId);
  await front.expectActive(openId);
  await setTab(back.page, { visible: false, focused: false });
  // The front tab is visible but not focused (the window is behind another app): still no notification for the open conversation.
  await setTab(front.page, { visible: true, focused: false });

  const { id } = await sendInbound({ contactId: openId, body: "I can see you are reading this" });
  await expect(front.message(id)).toBeAttached();
  await expect(back.row(openId)).toContainText("I can see you are reading this");
  expect([...(await notificationsIn(front.page)), ...(await notificationsIn(back.page))]).toEqual([]);

  // Another conversation: the visible tab toasts, the hidden one does not (and the visible tab is focused: no notification).
  await setTab(front.page, { visible: true, focused: true });
  const before = await unreadCount(back.page.request, otherId);
  await sendInbound({ contactId: otherId, body: "A toast for the tab in front" });
  await expect(front.toast(otherId)).toBeVisible();
  await back.expectUnread(otherId, before + 1);
  await expect(back.toast(otherId)).toHaveCount(0);
  expect([...(await notificationsIn(front.page)), ...(await notificationsIn(back.page))]).toEqual([]);

  // Switching off is remembered on this device.
  await front.page.getByTestId("notification-control").click();
  await expect(front.page.getByTestId("notification-control")).toHaveAttribute("data-state", "off");
  await back.page.reload();
  await expect(back.page.getByTestId("notification-control")).toHaveAttribute("data-state", "off");
  await context.close();
});
