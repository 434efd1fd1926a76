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
    // Mobile thread view, once the toast has gone, so the back button shows.
    await mobile.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 15_000 });
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

await main();
