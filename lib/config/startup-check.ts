import "#server-only";
import { assertProductionConfig } from "@/lib/config/server-config";
import { log } from "@/lib/observability/logger";

/**
 * A production server with missing or development-default secrets must not
 * come up at all: failing at start beats failing on the first login.
 */
export function refuseUnsafeProductionConfig() {
  try {
    assertProductionConfig();
  } catch (error) {
    log().fatal((error as Error).message);
    process.exit(1);
  }
}
