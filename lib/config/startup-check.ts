import { assertProductionConfig } from "@/lib/config/server-config";

/**
 * A production server with missing or development-default secrets must not
 * come up at all: failing at start beats failing on the first login.
 */
export function refuseUnsafeProductionConfig() {
  try {
    assertProductionConfig();
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}
