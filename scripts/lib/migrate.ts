import { spawn } from "node:child_process";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

/** Runs `prisma migrate deploy` against `databaseUrl`; rejects with its output on failure. */
export function migrateDeploy(databaseUrl: string, options: { quiet?: boolean } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      // The wasm schema engine leaves a 10 s timer behind after it is done, so
      // the CLI lingers; its final line means every migration is committed.
      if (/All migrations have been successfully applied|No pending migrations to apply/.test(output)) {
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      // A long data migration reports its progress (prisma/migration-adapter.ts).
      if (!options.quiet) {
        for (const line of String(chunk).split("\n")) if (line.startsWith("  migration  ")) console.log(line);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const succeeded = /All migrations have been successfully applied|No pending migrations to apply/.test(output);
      if (code === 0 || succeeded) {
        if (!options.quiet) {
          const applied = output.match(/All migrations have been successfully applied|No pending migrations to apply/);
          console.log(`  database  ${applied ? applied[0].toLowerCase() : "migrated"}`);
        }
        resolve();
      } else {
        reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
      }
    });
  });
}
