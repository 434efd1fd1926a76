// Issue 13, item 2: with scripts blocked (or not loaded yet), the sign-in form
// must post its credentials in the body, never put them in a URL, and still
// sign in (progressive enhancement: next-auth's own callback with its CSRF
// token). Every URL the browser requests or navigates to is checked.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../dev/demo/demo-accounts";
import { LoginPage } from "./pages/login-page";
import { EMAIL } from "./support/users";

test.use({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });

/** Every URL the page requested or navigated to, from now on. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  return urls;
}

const leaks = (urls: string[], password: string) =>
  urls.filter((url) => url.includes(password) || url.includes(encodeURIComponent(password)) || /[?&]password=/.test(url));

test("without JavaScript the form posts to next-auth and signs in; no URL carries the password", async ({ page }) => {
  const urls = recordUrls(page);
  const login = new LoginPage(page);
  await login.goto();
  const posted = page.waitForRequest((request) => request.url().endsWith("/api/auth/callback/credentials"));
  await login.signIn(EMAIL.bob, DEMO_PASSWORD);
  const request = await posted;
  expect(request.method()).toBe("POST");
  expect(request.postData()).toContain("password=");
  await expect(page).toHaveURL(/\/inbox$/);
  // Server-rendered: the signed-in header is there without any script.
  await expect(page.getByTestId("user-name")).toBeVisible();
  expect(leaks(urls, DEMO_PASSWORD)).toEqual([]);
});

test("a wrong password fails safely: back on the sign-in page with an error code, the password nowhere in a URL", async ({ page }) => {
  const urls = recordUrls(page);
  const wrong = `Wr0ng-${Date.now()}-p4ss`;
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(EMAIL.alice, wrong);
  await expect(page).toHaveURL(/\/login\?.*error=CredentialsSignin/);
  await expect(login.errorMessage()).toHaveText("That email and password do not match an account.");
  expect(leaks(urls, wrong)).toEqual([]);
  expect(urls.filter((url) => url.includes(encodeURIComponent(EMAIL.alice)) && url.includes("email="))).toEqual([]);
});
