// Runs once when a Next.js server process starts (not during `next build`).
// A production server with missing or development-default secrets must not
// come up at all: failing here beats failing on the first login.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionConfig } = await import("@/lib/config/server-config");
  try {
    assertProductionConfig();
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}
