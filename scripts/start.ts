// `npm start` after `npm run build`: the production server. With DATABASE_URL
// and real secrets (a deployment) it only starts Next; on a laptop with none it
// brings the same embedded stack as `npm run dev`, with random local secrets
// because production refuses the development defaults.
import path from "node:path";
import { loadEnvFiles } from "./lib/load-env-files";
import { localProductionSecrets } from "./lib/local-secrets";
import { printWelcome, repoRoot, startLocalStack, stopOnExit } from "./lib/local-stack";

loadEnvFiles(repoRoot);
const port = Number(process.env.PORT ?? 3000);
const env: Record<string, string> = { NODE_ENV: "production" };
if (!process.env.DATABASE_URL) {
  const secrets = localProductionSecrets(path.join(repoRoot, ".data"));
  env.NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET ?? secrets.nextAuthSecret;
  if (!process.env.PUSHER_HOST && !process.env.PUSHER_CLUSTER) env.PUSHER_SECRET = secrets.pusherSecret;
  console.log("  secrets   random local values in .data/local-secrets.json");
}

console.log("\n  Badger production server");
const stack = await startLocalStack({ next: "start", port, embeddedStorage: "persistent", seed: "first-start", env });
printWelcome(stack.appUrl);
stopOnExit(stack);
