// Issue 13, item 3: `npm run dev` must work at every address it prints. Next
// 16 serves its dev scripts only to trusted origins, so a page opened at
// 127.0.0.1 (or the "Network" address) never hydrated and nobody could sign
// in there. This starts the real dev runner (scripts/dev.ts, on a throwaway
// database and free ports) and signs in at 127.0.0.1 in the browser.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../dev/demo/demo-accounts";
import { freePort } from "../scripts/lib/free-port";
import { CONFIG_KEYS } from "../scripts/lib/hermetic-env";
import { LoginPage } from "./pages/login-page";
import { EMAIL } from "./support/users";

const repoRoot = path.resolve(import.meta.dirname, "..");
let runner: ChildProcess | undefined;
let port = 0;

test.use({ storageState: { cookies: [], origins: [] } });
// Compiling every page on first request takes a while on two cores.
test.setTimeout(240_000);

test.beforeAll(async () => {
  test.setTimeout(240_000);
  port = await freePort();
  // The runner's own defaults only: nothing from the caller's configuration.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  for (const key of CONFIG_KEYS) if (key !== "PORT") env[key] = "";
  runner = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/dev.ts", "--memory"], {
    cwd: repoRoot,
    env: { ...env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  runner.stdout?.on("data", (chunk) => (output += chunk));
  runner.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 200_000;
  while (!(await fetch(`http://127.0.0.1:${port}/login`).then((response) => response.ok, () => false))) {
    if (runner.exitCode !== null) throw new Error(`the dev runner exited (${runner.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the dev runner did not answer on ${port}:\n${output.slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

test.afterAll(async () => {
  if (!runner?.pid || runner.exitCode !== null) return;
  const exited = new Promise((resolve) => runner!.once("exit", resolve));
  // The runner stops Next, the realtime server and the database on SIGTERM.
  process.kill(-runner.pid, "SIGTERM");
  await exited;
});

test("the sign-in page hydrates at http://127.0.0.1 and signs in", async ({ page }) => {
  const blocked: string[] = [];
  page.on("response", (response) => {
    if (response.url().includes("/_next/") && response.status() >= 400) blocked.push(`${response.status()} ${response.url()}`);
  });
  const login = new LoginPage(page);
  await page.goto(`http://127.0.0.1:${port}/login`);
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible({ timeout: 120_000 });
  await login.signIn(EMAIL.alice, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${port}/inbox`), { timeout: 120_000 });
  await expect(page.getByTestId("app-header")).toBeVisible({ timeout: 120_000 });
  expect(blocked).toEqual([]);
});
