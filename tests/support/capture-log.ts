import { vi } from "vitest";

/**
 * Captures what the server logger writes (it writes through
 * process.stdout.write, lib/observability/logger.ts) and keeps it off the
 * test output. Restored by vi.restoreAllMocks().
 */
export function captureLogOutput() {
  const lines: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return { text: () => lines.join("") };
}
