// Every server module says so (`import "#server-only"`), and every browser
// module too (`import "client-only"`): Next's build then refuses a client
// component whose imports reach a server module, even through other modules
// that lint cannot follow (CONTRIBUTING.md "Layers"). A new file in these
// folders without its marker fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const filesIn = (folder: string) =>
  readdirSync(path.join(root, folder))
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => `${folder}/${name}`);

/** The server folders of eslint.config.mjs's browser rule, with its one exception (a table the UI shows too). */
const SERVER = [
  ...["lib/db", "lib/api", "lib/observability", "lib/config", "lib/messaging", "lib/webhooks", "lib/rate-limit", "lib/pages", "lib/auth"].flatMap(filesIn),
  "lib/realtime/publish.ts",
  "lib/realtime/pusher-server.ts",
  "lib/realtime/channel-access.ts",
].filter((file) => file !== "lib/auth/permissions.ts");
const BROWSER = [...["lib/inbox", "lib/client"].flatMap(filesIn), "lib/realtime/browser-client.ts"];

/** The marker is the module's first statement (after comments and a "use client"), so it reads as what the module is. */
function imports(file: string, marker: string) {
  const lines = readFileSync(path.join(root, file), "utf8").split("\n");
  const first = lines.find((line) => line.trim() !== "" && !/^\s*(\/\/|\/\*|\*)/.test(line) && line !== '"use client";');
  return first === `import "${marker}";`;
}

describe("side markers", () => {
  it("finds the modules it checks", () => {
    expect(SERVER.length).toBeGreaterThan(30);
    expect(BROWSER.length).toBeGreaterThan(30);
  });

  it('every server module imports "#server-only"', () => {
    expect(SERVER.filter((file) => !imports(file, "#server-only"))).toEqual([]);
  });

  it('every browser module imports "client-only"', () => {
    expect(BROWSER.filter((file) => !imports(file, "client-only"))).toEqual([]);
  });
});
