// Runs once when a Next.js server process starts (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseUnsafeProductionConfig } = await import("@/lib/config/startup-check");
    refuseUnsafeProductionConfig();
  }
}
