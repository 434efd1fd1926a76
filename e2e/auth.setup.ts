import { expect, test as setup } from "@playwright/test";
import { DEMO_PASSWORD } from "../dev/demo/demo-accounts";
import { LoginPage } from "./pages/login-page";
import { EMAIL, storageStateOf, type DemoUser } from "./support/users";

const users: DemoUser[] = ["alice", "bob", "dave", "vera", "olivia"];

for (const user of users) {
  setup(`sign in as ${user}`, async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    await login.signIn(EMAIL[user], DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/inbox/);
    await expect(page.getByTestId("app-header")).toBeVisible();
    await page.context().storageState({ path: storageStateOf(user) });
  });
}
