// `npm run dev`: the whole stack on embedded defaults, or on what .env points at.
// `--memory`: a throwaway, freshly seeded embedded database instead of .data/
// (the dev-server test runs it so).
import { loadEnvFiles } from "./lib/load-env-files";
import { printWelcome, repoRoot, startLocalStack, stopOnExit } from "./lib/local-stack";

loadEnvFiles(repoRoot);
const port = Number(process.env.PORT ?? 3000);
const memory = process.argv.includes("--memory");
const seed = memory || process.argv.includes("--seed") || process.env.SEED_DEMO_DATA === "1" ? "always" : "first-start";

console.log("\n  Badger development stack");
const stack = await startLocalStack({ next: "dev", port, embeddedStorage: memory ? "memory" : "persistent", seed });
printWelcome(stack.appUrl);
stopOnExit(stack);
