// `npm test`: unit and integration tests (vitest, real Postgres or embedded
// PGlite), then the end-to-end suite (Playwright, real browser, real stack).
// Ends with one plain "N passed, N failed" line for humans and CI alike.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(repoRoot, "test-results", "summary");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const bin = (name: string) => path.join(repoRoot, "node_modules", ".bin", name);
const only = process.argv[2]; // "unit" | "e2e" | undefined

type Tally = { passed: number; failed: number; skipped: number; exitCode: number };
const tallies: Record<string, Tally> = {};

if (only !== "e2e") {
  const output = path.join(resultsDir, "vitest.json");
  const run = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${output}`], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  const report = existsSync(output) ? JSON.parse(readFileSync(output, "utf8")) : {};
  tallies.unit = {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    exitCode: run.status ?? 1,
  };
}

const e2eDir = path.join(repoRoot, "e2e");
const hasE2e = existsSync(e2eDir) && readdirSync(e2eDir).some((file) => file.endsWith(".spec.ts"));
if (only !== "unit" && hasE2e) {
  const output = path.join(resultsDir, "playwright.json");
  const run = spawnSync(bin("playwright"), ["test"], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
  });
  const stats = existsSync(output) ? (JSON.parse(readFileSync(output, "utf8")).stats ?? {}) : {};
  tallies.e2e = {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0),
    skipped: stats.skipped ?? 0,
    exitCode: run.status ?? 1,
  };
}

const total = Object.values(tallies).reduce(
  (sum, tally) => ({ passed: sum.passed + tally.passed, failed: sum.failed + tally.failed, skipped: sum.skipped + tally.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
const failedSuites = Object.entries(tallies).filter(([, tally]) => tally.exitCode !== 0);
for (const [name, tally] of Object.entries(tallies)) {
  console.log(`${name}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped (exit ${tally.exitCode})`);
}
// A skipped test is a defect in this project: it counts as a failure.
const failed = total.failed + total.skipped + (failedSuites.length > 0 && total.failed === 0 ? 1 : 0);
console.log(`${total.passed} passed, ${failed} failed`);
process.exit(failed > 0 || total.passed === 0 ? 1 : 0);
