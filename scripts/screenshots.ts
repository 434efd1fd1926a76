// Screenshots of the inbox for the README and for design review:
//   npx tsx scripts/screenshots.ts
// starts its own stack (in-memory database freshly seeded with the demo data,
// local Pusher server, next dev on PORT or 3100) so every run looks the same;
// BASE_URL=http://localhost:3000 uses an already running app instead.
// Logs in as the demo users, triggers a toast with a signed inbound webhook
// (through an endpoint Alice, an admin, creates on the settings API), and
// writes docs/screenshots/*.png, the webhook settings page included.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { signedDelivery } from "../lib/webhooks/inbound-signature";
import { startLocalStack, type RunningStack } from "./lib/local-stack";

let BASE_URL = process.env.BASE_URL ?? "";
let endpoint: { path: string; secret: string } | undefined;
const OUT = path.resolve(import.meta.dirname, "../docs/screenshots");

type Contact = { id: string; name: string; unreadCount: number };

async function login(browser: Browser, email: string, viewport: { width: number; height: number }) {
  const phone = viewport.width < 500;
  const context = await browser.newContext({ viewport, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  await hideDevBadge(page);
  return page;
}

async function contactsOf(page: Page): Promise<Contact[]> {
  const response = await page.request.get(`${BASE_URL}/api/messaging/contacts?limit=100`);
  return ((await response.json()) as { contacts: Contact[] }).contacts;
}

/** The provider endpoint the screenshots deliver through, created as an admin would. */
async function createEndpoint(admin: Page) {
  const response = await admin.request.post(`${BASE_URL}/api/settings/inbound-endpoints`, {
    data: { name: "Screenshots provider" },
    headers: { origin: BASE_URL },
  });
  if (!response.ok()) throw new Error(`creating the endpoint failed: ${response.status()} ${await response.text()}`);
  const created = (await response.json()) as { endpoint: { path: string }; secret: string };
  endpoint = { path: created.endpoint.path, secret: created.secret };
}

async function sendInbound(contactId: string, body: string) {
  if (!endpoint) throw new Error("no endpoint yet");
  const raw = JSON.stringify({ contactId, body, externalId: `screenshot-${Date.now()}-${Math.random()}` });
  const response = await fetch(`${BASE_URL}${endpoint.path}`, signedDelivery(endpoint.secret, raw));
  if (!response.ok) throw new Error(`webhook failed: ${response.status} ${await response.text()}`);
}

/** The dev-mode Next.js badge is not part of the product. */
async function hideDevBadge(page: Page) {
  await page.addStyleTag({ content: "nextjs-portal { display: none !important; }" });
}

/** Lets a toast finish its entrance animation (and the pointer leave it) before the shot. */
async function settle(page: Page) {
  const size = page.viewportSize();
  if (size && size.width > 500) await page.mouse.move(size.width / 2, size.height / 2);
  await new Promise((resolve) => setTimeout(resolve, 700));
}

/** Waits until pusher-js has subscribed, so the webhook's event is not missed. */
async function waitForRealtime(page: Page) {
  await page.locator("[data-testid=inbox][data-realtime=subscribed]").waitFor({ timeout: 60_000 });
}

async function waitForApp(url: string) {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const ok = await fetch(`${url}/login`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  let stack: RunningStack | null = null;
  if (!BASE_URL) {
    stack = await startLocalStack({ next: "dev", port: Number(process.env.PORT ?? 3100), embeddedStorage: "memory", seed: "always" });
    BASE_URL = stack.appUrl;
  }
  try {
    await waitForApp(BASE_URL);
    await shoot();
  } finally {
    await stack?.stop();
  }
  console.log(`screenshots written to ${OUT}`);
}

async function shoot() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    // Desktop: a conversation open, badges on other rows, a toast.
    const desktop = await login(browser, "alice@acme.test", { width: 1440, height: 900 });
    await createEndpoint(desktop);
    const contacts = await contactsOf(desktop);
    const withBadge = contacts.filter((contact) => contact.unreadCount > 0);
    const open = contacts.find((contact) => contact.unreadCount === 0) ?? contacts[0];
    await desktop.getByTestId(`contact-row-${open.id}`).click();
    await desktop.getByTestId("thread").waitFor();
    await waitForRealtime(desktop);
    const toastFor = withBadge[1] ?? contacts[2];
    await sendInbound(
      toastFor.id,
      "Hi! Quick follow-up on my order #4821 — the tracking page still says 'label created' and I need it before Friday. Can you check?",
    );
    await desktop.getByTestId(`message-toast-${toastFor.id}`).waitFor();
    await settle(desktop);
    await desktop.screenshot({ path: path.join(OUT, "inbox-desktop.png") });

    // Mobile: the list (the sidebar is the whole screen), badges and a toast.
    const mobile = await login(browser, "bob@acme.test", { width: 390, height: 844 });
    await mobile.getByTestId("contact-list").waitFor();
    await waitForRealtime(mobile);
    await sendInbound(withBadge[0]?.id ?? contacts[1].id, "Thanks, that worked! One more thing: can I change the delivery address?");
    await mobile.locator("[data-testid^=message-toast-]").first().waitFor();
    await settle(mobile);
    await mobile.screenshot({ path: path.join(OUT, "inbox-mobile.png") });
    // Mobile thread view.
    await mobile.getByTestId(`contact-row-${open.id}`).click();
    await mobile.getByTestId("thread").waitFor();
    await settle(mobile);
    await mobile.screenshot({ path: path.join(OUT, "inbox-mobile-thread.png") });

    // The webhook settings page, desktop and phone.
    await desktop.goto(`${BASE_URL}/settings/webhooks`);
    await desktop.getByTestId("endpoint-list").waitFor();
    await hideDevBadge(desktop);
    await desktop.screenshot({ path: path.join(OUT, "settings-webhooks-desktop.png"), fullPage: true });
    const phone = await login(browser, "alice@acme.test", { width: 390, height: 844 });
    await phone.goto(`${BASE_URL}/settings/webhooks`);
    await phone.getByTestId("endpoint-list").waitFor();
    await hideDevBadge(phone);
    await phone.screenshot({ path: path.join(OUT, "settings-webhooks-mobile.png"), fullPage: true });

    await shootUnreadExperience(browser, contacts);

    // A viewer: the no-access page.
    const viewer = await login(browser, "vera@acme.test", { width: 1440, height: 900 });
    await viewer.getByTestId("no-access").waitFor();
    await viewer.screenshot({ path: path.join(OUT, "no-access.png") });

    // Another organization's contact: the 404 page.
    const dave = await login(browser, "dave@globex.test", { width: 1440, height: 900 });
    const [globexContact] = await contactsOf(dave);
    const response = await desktop.goto(`${BASE_URL}/inbox/${globexContact.id}`);
    console.log(`404 page status: ${response?.status()}`);
    await desktop.getByTestId("not-found").waitFor();
    await hideDevBadge(desktop);
    await desktop.screenshot({ path: path.join(OUT, "not-found.png") });
  } finally {
    await browser.close();
  }
}

/** Issue 14's new states, desktop and phone (see README). */
async function shootUnreadExperience(browser: Browser, contacts: Contact[]) {
  // The "New messages" line and the jump pill: a backlog of new messages in one conversation.
  const desktop = await login(browser, "alice@acme.test", { width: 1440, height: 900 });
  await waitForRealtime(desktop);
  const backlog = contacts.find((contact) => contact.name === "Ingrid Johansson") ?? contacts[5];
  const lines = [
    "Hi again! I wanted to check on the replacement part for my dishwasher.",
    "The technician said it would be ordered last Tuesday.",
    "I haven't heard anything since. Is there a tracking number?",
    "Also, the door seal is leaking a little more every day.",
    "Could someone call me this afternoon? Anytime after 2pm works.",
    "Thanks so much!",
  ];
  for (const body of lines) await sendInbound(backlog.id, body);
  await desktop.getByTestId(`unread-badge-${backlog.id}`).waitFor();
  await desktop.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 20_000 }).catch(() => {});
  await desktop.getByTestId(`contact-row-${backlog.id}`).locator("button").first().click();
  await desktop.getByTestId("new-messages-line").waitFor();
  await settle(desktop);
  await desktop.screenshot({ path: path.join(OUT, "new-messages-line-desktop.png") });
  await desktop.getByTestId("thread").evaluate((element) => element.scrollTo({ top: 0 }));
  await desktop.getByTestId("jump-to-new").waitFor();
  await settle(desktop);
  await desktop.screenshot({ path: path.join(OUT, "jump-pill-desktop.png") });

  // Muted rows: grey badges that keep their count, out of the total.
  const withBadge = (await contactsOf(desktop)).filter((contact) => contact.unreadCount > 0 && contact.id !== backlog.id);
  for (const contact of withBadge.slice(0, 2)) {
    await desktop.getByTestId(`contact-row-${contact.id}`).hover();
    await desktop.getByTestId(`contact-menu-${contact.id}`).click();
    await desktop.getByTestId(`mute-${contact.id}`).click();
    await desktop.locator(`[data-testid=unread-badge-${contact.id}][data-muted=true]`).waitFor();
  }
  await desktop.keyboard.press("Escape");
  await settle(desktop);
  await desktop.screenshot({ path: path.join(OUT, "muted-rows-desktop.png") });

  // A burst: one summary toast.
  for (let index = 0; index < 6; index += 1) await sendInbound(withBadge[2 + (index % 4)].id, `Burst message ${index + 1}`);
  await desktop.getByTestId("message-summary").waitFor();
  await settle(desktop);
  await desktop.screenshot({ path: path.join(OUT, "summary-toast-desktop.png") });

  // The notification control: on (permission granted), and blocked with how to unblock.
  const on = await login(browser, "bob@acme.test", { width: 1440, height: 900 });
  await on.context().grantPermissions(["notifications"]);
  await on.getByTestId("notification-control").click();
  await on.locator("[data-testid=notification-control][data-state=on]").waitFor();
  await on.screenshot({ path: path.join(OUT, "notifications-on-desktop.png"), clip: { x: 0, y: 0, width: 1440, height: 120 } });
  const blocked = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await blocked.addInitScript(() => Object.defineProperty(Notification, "permission", { get: () => "denied" }));
  const blockedPage = await blocked.newPage();
  await blockedPage.goto(`${BASE_URL}/login`);
  await blockedPage.getByLabel("Email").fill("bob@acme.test");
  await blockedPage.getByLabel("Password").fill("password");
  await blockedPage.getByRole("button", { name: "Sign in" }).click();
  await blockedPage.waitForURL(/\/inbox/);
  await hideDevBadge(blockedPage);
  await blockedPage.getByTestId("notification-control").click();
  await blockedPage.getByTestId("notification-help").waitFor();
  await blockedPage.screenshot({ path: path.join(OUT, "notifications-blocked-desktop.png"), clip: { x: 0, y: 0, width: 1440, height: 260 } });

  // The organization switcher with each organization's unread (Olivia is in Acme and Globex).
  const olivia = await login(browser, "olivia@example.test", { width: 1440, height: 900 });
  await waitForRealtime(olivia);
  await olivia.getByTestId("org-switcher-elsewhere").waitFor();
  // Its menu open: every organization with its own total.
  await olivia.getByTestId("org-switcher").click();
  await olivia.getByRole("menu", { name: "Switch organization" }).waitFor();
  await olivia.screenshot({ path: path.join(OUT, "org-switcher-desktop.png"), clip: { x: 0, y: 0, width: 1440, height: 260 } });
  const oliviaPhone = await login(browser, "olivia@example.test", { width: 390, height: 844 });
  await oliviaPhone.getByTestId("org-switcher-elsewhere").waitFor();
  await oliviaPhone.screenshot({ path: path.join(OUT, "org-switcher-mobile.png") });

  // Phone: a toast above the reply box in a conversation, and the line.
  const phone = await login(browser, "alice@acme.test", { width: 390, height: 844 });
  await waitForRealtime(phone);
  await phone.getByTestId(`contact-row-${withBadge[0].id}`).locator("button").first().click();
  await phone.getByTestId("composer").waitFor();
  await sendInbound(withBadge[3].id, "Is the store open on Sunday? I'd like to pick up my order.");
  await phone.locator("[data-sonner-toast]").first().waitFor();
  await settle(phone);
  await phone.screenshot({ path: path.join(OUT, "toast-mobile-thread.png") });
}

await main();
