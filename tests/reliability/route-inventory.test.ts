// The inventory behind the authorization matrix and the fuzz suite: they are
// only as complete as tests/support/routes.ts and the matrix table, so both
// must list every route, and every route must answer every method itself.
import { readdirSync } from "node:fs";
import path from "node:path";
import { API_ROUTES } from "../support/routes";
import { TABLE } from "./support/authorization-table";
import { METHODS } from "./support/call-route";

function routeFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFilesUnder(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

describe("route inventory", () => {
  const appDir = path.resolve(import.meta.dirname, "..", "..", "app");

  it("tests/support/routes.ts lists exactly the route.ts files under app/api (NextAuth's own route aside)", () => {
    const onDisk = routeFilesUnder(path.join(appDir, "api"))
      .map((file) => `/${path.relative(appDir, path.dirname(file)).split(path.sep).join("/")}`)
      .filter((pattern) => pattern !== "/api/auth/[...nextauth]")
      .sort();
    expect(API_ROUTES.map((route) => route.pattern).sort()).toEqual(onDisk);
  });

  it("the matrix table has a row for every route", () => {
    expect(Object.keys(TABLE).sort()).toEqual(API_ROUTES.map((route) => route.pattern).sort());
  });

  it("every route exports every method, so a wrong method is our JSON 405 and never Next's empty one", async () => {
    for (const route of API_ROUTES) {
      const handlers = await route.load();
      for (const method of METHODS) expect(typeof handlers[method], `${route.pattern} ${method}`).toBe("function");
    }
  });
});
