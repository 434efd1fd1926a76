import { expect, type Locator, type Page, type Response } from "@playwright/test";
import { badgeText, inboxTitle } from "../support/api";

/** What one sidebar row shows. */
export type RowState = { id: string; count: number };

const CONTACT_ROW_PREFIX = "contact-row-";

/**
 * The inbox (/inbox and /inbox/<contactId>) through the test ids its UI
 * engineer published. Assertions retry (expect), so callers wait on real
 * conditions, never on time.
 */
export class InboxPage {
  readonly root: Locator;
  readonly sidebar: Locator;
  readonly contactList: Locator;
  readonly emptyList: Locator;
  readonly unreadTotal: Locator;
  readonly markAllReadButton: Locator;
  readonly allFilter: Locator;
  readonly unreadFilter: Locator;
  readonly conversation: Locator;
  readonly threadHeader: Locator;
  readonly thread: Locator;
  readonly connectionBanner: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("inbox");
    this.sidebar = page.getByTestId("inbox-sidebar");
    this.contactList = page.getByTestId("contact-list");
    this.emptyList = page.getByTestId("contact-list-empty");
    this.unreadTotal = page.getByTestId("unread-total");
    this.markAllReadButton = page.getByTestId("mark-all-read");
    this.allFilter = page.getByTestId("all-filter");
    this.unreadFilter = page.getByTestId("unread-filter");
    this.conversation = page.getByTestId("conversation");
    this.threadHeader = page.getByTestId("thread-header");
    this.thread = page.getByTestId("thread");
    this.connectionBanner = page.getByTestId("connection-banner");
  }

  /** Loads the inbox (or a conversation's deep link) and waits for it to render. */
  async goto(contactId?: string) {
    const response = await this.page.goto(contactId ? `/inbox/${contactId}` : "/inbox");
    expect(response?.status()).toBe(200);
    await expect(this.root).toBeVisible();
  }

  /** Both channels (organization and user) are subscribed: events can arrive. */
  async waitForRealtime(timeout = 15_000) {
    await expect(this.root).toHaveAttribute("data-realtime", "subscribed", { timeout });
  }

  row(contactId: string) {
    return this.page.getByTestId(`${CONTACT_ROW_PREFIX}${contactId}`);
  }

  /** The row's main button, the one that opens the conversation. */
  rowButton(contactId: string) {
    return this.row(contactId).locator("button").first();
  }

  badge(contactId: string) {
    return this.page.getByTestId(`unread-badge-${contactId}`);
  }

  toast(contactId: string) {
    return this.page.getByTestId(`message-toast-${contactId}`);
  }

  message(messageId: string) {
    return this.page.getByTestId(`message-${messageId}`);
  }

  /** Opens a conversation by clicking its sidebar row. */
  async open(contactId: string) {
    await this.rowButton(contactId).click();
  }

  /** The row shows `count` unread: the pill's text (99+ above 99) and its data attribute agree; no pill at 0. */
  async expectUnread(contactId: string, count: number, options: { timeout?: number } = {}) {
    await expect(this.row(contactId)).toHaveAttribute("data-unread-count", String(count), options);
    if (count === 0) {
      await expect(this.badge(contactId)).toHaveCount(0, options);
    } else {
      await expect(this.badge(contactId)).toHaveText(badgeText(count), options);
      const label = count === 1 ? "1 unread message" : `${count} unread messages`;
      // A muted conversation's grey badge says so too (issue 14).
      await expect(this.badge(contactId)).toHaveAccessibleName(new RegExp(`^${label}(, muted)?$`));
    }
  }

  /** The count a row shows right now (0 without a badge). */
  async shownUnread(contactId: string): Promise<number> {
    return Number(await this.row(contactId).getAttribute("data-unread-count"));
  }

  async expectActive(contactId: string) {
    await expect(this.page).toHaveURL(new RegExp(`/inbox/${contactId}$`));
    await expect(this.row(contactId)).toHaveAttribute("data-active", "true");
    await expect(this.conversation).toBeVisible();
  }

  /** The header total and the document title both say `total`. */
  async expectTotal(total: number) {
    await expect(this.page).toHaveTitle(inboxTitle(total));
    if (total > 0) await expect(this.unreadTotal).toHaveText(`${total} unread`);
    else await expect(this.unreadTotal).toHaveCount(0);
  }

  /** Every row in sidebar order (DOM order is list order), with the count it shows. */
  async rows(): Promise<RowState[]> {
    return this.contactList.evaluate((list, prefix) => {
      return [...list.querySelectorAll<HTMLElement>(`[data-testid^="${prefix}"]`)].map((row) => ({
        id: row.dataset.testid!.slice(prefix.length),
        count: Number(row.dataset.unreadCount),
      }));
    }, CONTACT_ROW_PREFIX);
  }

  /** The next mark-read request for a contact, answered. */
  waitForMarkRead(contactId: string, options: { timeout?: number } = {}): Promise<Response> {
    return this.page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().endsWith(`/api/messaging/contacts/${contactId}/read`),
      options,
    );
  }

  /** Clicks "Mute" or "Unmute" in the row's menu (issue 14). */
  async toggleMuteFromRow(contactId: string, action: "mute" | "unmute") {
    await this.row(contactId).hover();
    await this.page.getByTestId(`contact-menu-${contactId}`).click();
    await this.page.getByTestId(`${action}-${contactId}`).click();
  }

  /** Clicks "Mute" or "Unmute" in the open conversation's header menu. */
  async toggleMuteFromHeader(action: "mute" | "unmute") {
    await this.page.getByTestId("thread-menu").click();
    await this.page.getByTestId(`thread-${action}`).click();
  }

  /** The row's badge is grey (muted) or red, with its exact count. */
  async expectMuted(contactId: string, muted: boolean) {
    await expect(this.row(contactId)).toHaveAttribute("data-muted", String(muted));
    const count = await this.shownUnread(contactId);
    if (count > 0) await expect(this.badge(contactId)).toHaveAttribute("data-muted", String(muted));
  }

  /** Clicks "Mark as unread" in the row's menu. */
  async markUnread(contactId: string) {
    await this.row(contactId).hover();
    await this.page.getByTestId(`contact-menu-${contactId}`).click();
    await this.page.getByTestId(`mark-unread-${contactId}`).click();
  }

  /** The organization switcher's button (members of several organizations). */
  get organizationSwitcher() {
    return this.page.getByTestId("org-switcher");
  }

  /** The active organization's id, as the switcher shows it. */
  async activeOrganization(): Promise<string> {
    return (await this.organizationSwitcher.getAttribute("data-organization-id")) ?? "";
  }

  /** Switches organization from the switcher's menu and waits for the inbox of the new one. */
  async switchOrganization(organizationId: string) {
    await this.organizationSwitcher.click();
    await this.page.getByTestId(`org-option-${organizationId}`).click();
    await expect(this.organizationSwitcher).toHaveAttribute("data-organization-id", organizationId);
    await expect(this.root).toBeVisible();
  }
}
