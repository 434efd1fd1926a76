import "#server-only";
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "53300", // too_many_connections
  "P1001", // Prisma: can't reach database server
  "P1002", // Prisma: database server timed out
  "P1017", // Prisma: server closed the connection
  "P2024", // Prisma: timed out fetching a connection from the pool
  // Driver-adapter error kinds (@prisma/adapter-pg), carried on raw-query
  // errors (P2010) under meta.driverAdapterError: a restart that closes a
  // pooled connection mid-query arrives as P2010 + ConnectionClosed, and used
  // to be answered with a 500.
  "ConnectionClosed",
  "SocketTimeout",
  "DatabaseNotReachable",
  "TooManyConnections",
]);

// "has closed the connection": Prisma's wording for a raw query whose
// connection was closed. "query read timeout": pg's query_timeout firing on a
// connection that stopped answering (a network partition), which used to be a
// 500 after 15 s. "not queryable": pg's answer for the next statement of an
// interactive transaction whose connection broke under it (a restart between
// the write and the read of the counted state, issue 16).
// "unable to start a transaction in the given time": Prisma's P2028 when
// every pooled connection stayed busy past the transaction's maxWait (a burst
// of writes on a small pool); a retry a moment later gets one.
const UNAVAILABLE_MESSAGES =
  /unable to start a transaction in the given time|connection terminated|timeout exceeded when trying to connect|can't reach database|connection refused|server (has )?closed the connection|terminating connection|query read timeout|not queryable/i;

function codesOf(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== "object" || depth > 4) return [];
  const record = error as {
    code?: unknown;
    cause?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const own = [record.code, record.originalCode, record.kind].filter((value): value is string => typeof value === "string");
  return [...own, ...codesOf(record.cause, depth + 1), ...codesOf(record.meta?.driverAdapterError, depth + 1)];
}

/** Postgres down or restarting: the caller should answer 503 and let the client retry, never hang. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return codesOf(error).some((code) => UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(message);
}

/** Postgres unique violation, as Prisma or pg report it. */
export function isUniqueViolation(error: unknown): boolean {
  return codesOf(error).some((code) => code === "P2002" || code === "23505");
}
