import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type LocalSecrets = { nextAuthSecret: string; pusherSecret: string };

/**
 * `npm start` on a laptop runs the production build, which refuses the
 * development default secrets. These are random per machine, kept in the
 * git-ignored data folder so sessions survive restarts.
 */
export function localProductionSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    nextAuthSecret: randomBytes(32).toString("base64url"),
    pusherSecret: randomBytes(32).toString("base64url"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
