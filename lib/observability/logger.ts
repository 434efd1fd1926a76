import "#server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";

/**
 * The one server logger. JSON lines in production (what Vercel and every log
 * pipeline parse); one readable line per entry in development and tests.
 * `LOG_LEVEL` overrides the level (default info; tests: warn).
 *
 * It writes through `process.stdout.write`, not a raw file descriptor, so a
 * test that captures the process's output (the password-leak checks) sees
 * every line the logger writes.
 */
const production = process.env.NODE_ENV === "production";
const LEVELS = new Set([...Object.keys(pino.levels.values), "silent"]);
// An unknown or empty LOG_LEVEL falls back to the default instead of
// crashing the server at its first log line (pino throws on unknown levels).
const requested = process.env.LOG_LEVEL?.trim().toLowerCase() ?? "";
const level = LEVELS.has(requested) ? requested : process.env.NODE_ENV === "test" ? "warn" : "info";

/** "10:04:12 WARN realtime message.new not delivered  route=/api/... org=…" */
function readableLine(json: string): string {
  const { level: value, time, msg, pid: _pid, hostname: _hostname, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const clock = new Date(Number(time)).toISOString().slice(11, 19);
  const rest = Object.entries(fields)
    .map(([key, field]) => `${key}=${typeof field === "string" ? field : JSON.stringify(field)}`)
    .join(" ");
  return `${clock} ${pino.levels.labels[Number(value)]?.toUpperCase() ?? value} ${String(msg ?? "")}${rest ? `  ${rest}` : ""}\n`;
}

const destination = {
  write(line: string) {
    process.stdout.write(production ? line : readableLine(line));
  },
};

const root: Logger = pino(
  {
    level,
    base: undefined,
    // Nothing secret is logged on purpose; these paths are the belt and braces.
    redact: { paths: ["password", "secret", "*.password", "*.secret", "headers.cookie", "headers.authorization"], censor: "[redacted]" },
  },
  destination,
);

type RequestScope = { logger: Logger };
const requestScope = new AsyncLocalStorage<RequestScope>();

/** For tests that read the per-request lines (below the test default, warn). */
export function setLogLevel(next: string) {
  root.level = next;
}

/** The current request's logger (request id, route, organization), or the process's own. */
export function log(): Logger {
  return requestScope.getStore()?.logger ?? root;
}

/** Runs `work` with a request-scoped logger; what it logs carries `bindings`. */
export function withRequestLogger<T>(bindings: Record<string, string>, work: () => T): T {
  return requestScope.run({ logger: root.child(bindings) }, work);
}

/** Adds a binding (the organization, once the session is known) to the current request's lines. */
export function bindToRequest(bindings: Record<string, string>) {
  const scope = requestScope.getStore();
  if (scope) scope.logger = scope.logger.child(bindings);
}
