import { existsSync } from "node:fs";
import path from "node:path";

/** .env.local then .env, without overriding variables already set in the shell (Next's own precedence). */
export function loadEnvFiles(repoRoot: string) {
  for (const file of [".env.local", ".env"]) {
    const fullPath = path.join(repoRoot, file);
    if (existsSync(fullPath)) process.loadEnvFile(fullPath);
  }
}
