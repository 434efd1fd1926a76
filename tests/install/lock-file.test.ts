// Issue 13, item 8: the lock file passes `npm ci` on every platform. CI also
// runs `npm ci --dry-run` on a scratch copy (.ci/run); this is the fast,
// offline form of the same rule, in every `npm test`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { missingOptionalPackages, type LockFile } from "../../scripts/lib/lock-file-check";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as LockFile;

describe("package-lock.json", () => {
  it("holds every platform's optional packages (@next/swc-*, @tailwindcss/oxide-*, @rollup/rollup-*…)", () => {
    expect(missingOptionalPackages(lock)).toEqual([]);
    for (const name of ["@next/swc-darwin-arm64", "@next/swc-win32-x64-msvc", "@next/swc-linux-x64-gnu"]) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    }
  });

  it("the check catches a lock that lost another platform's packages", () => {
    const trimmed: LockFile = {
      packages: Object.fromEntries(Object.entries(lock.packages).filter(([location]) => !/darwin/.test(location))),
    };
    expect(missingOptionalPackages(trimmed)).toEqual(expect.arrayContaining([expect.stringMatching(/^@next\/swc-darwin-arm64 /)]));
  });

  it("matches package.json: every direct dependency is locked", () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const root = lock.packages[""] as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect(root.dependencies).toEqual(manifest.dependencies);
    expect(root.devDependencies).toEqual(manifest.devDependencies);
  });
});
