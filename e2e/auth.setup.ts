import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD } from "../lib/demo/demo-accounts";
import { LoginPage } from "./pages/login-page";
import { storageStateOf, type DemoUser } from "./support/users";

const users: DemoUser[] = ["alice", "bob", "dave", "vera"];

for (const user of users) {
  setup(`sign in as ${user}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(`${user}@${user === "dave" ? "globex" : "acme"}.test`, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/inbox/);
    await page.context().storageState({ path: storageStateOf(user) });
  });
}
