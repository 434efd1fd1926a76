// The build command for Vercel (and any host): migrations first when a database
// is configured, then the Next.js build. Previews get their own database per
// branch (see README), so migrating on build is safe there too.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { migrateDeploy } from "./lib/migrate";

const repoRoot = path.resolve(import.meta.dirname, "..");
if (process.env.DATABASE_URL) {
  await migrateDeploy(process.env.DATABASE_URL);
} else {
  console.warn("DATABASE_URL is not set: skipping `prisma migrate deploy`.");
}
const build = spawnSync(path.join(repoRoot, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", cwd: repoRoot });
process.exit(build.status ?? 1);
