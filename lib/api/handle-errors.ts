import "#server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { ApiError, apiErrorOf } from "@/lib/api/api-error";
import { DomainError } from "@/lib/domain/domain-error";
import { UUID_SOURCE } from "@/lib/shared/uuid";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { log, withRequestLogger } from "@/lib/observability/logger";

const UUID_SEGMENT = new RegExp(`/${UUID_SOURCE}(?=/|$)`, "gi");
/** A caller's own request id (a proxy's, a provider's) is kept when it is a plain token. */
const INCOMING_ID = /^[\w.-]{8,128}$/;

/** The route's pattern, not its path: ids stay out of the route name (and ids in paths are never secrets here). */
function routeName(pathname: string) {
  return pathname.replace(UUID_SEGMENT, "/:id");
}

/**
 * Every API request runs through here: a request id (echoed in X-Request-Id),
 * a logger bound to it and the route, one line per request with its outcome,
 * and anything thrown mapped to {"error":{"code","message"}}. Unknown errors
 * are logged with their stack, never echoed.
 */
export async function handleErrors(req: NextRequest | Request, run: () => Promise<Response>): Promise<Response> {
  const incoming = req.headers.get("x-request-id");
  const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  const route = routeName(new URL(req.url).pathname);
  return withRequestLogger({ requestId, route, method: req.method }, async () => {
    const started = performance.now();
    const { response, code } = await answer(run);
    const outcome = { status: response.status, ...(code ? { code } : {}), durationMs: Math.round(performance.now() - started) };
    if (response.status >= 500) log().error(outcome, "request failed");
    else log().info(outcome, "request completed");
    return withHeader(response, "X-Request-Id", requestId);
  });
}

/** The response, and the error code for the log line (known here, so no body is read back). */
async function answer(run: () => Promise<Response>): Promise<{ response: Response; code?: string }> {
  try {
    return { response: await run() };
  } catch (error) {
    const apiError = toApiError(error);
    return { response: apiError.toResponse(), code: apiError.code };
  }
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return apiErrorOf(error);
  const unavailable = asServiceUnavailable(error);
  if (unavailable) {
    // Prisma's message opens with a code frame; the cause is its last line.
    const reason = (error instanceof Error ? error.message : String(error)).trim().split("\n").at(-1);
    log().error({ reason }, "database unavailable");
    return unavailable;
  }
  log().error({ err: error }, "unexpected error");
  return new ApiError("internal_error", "Something went wrong on our side. Please try again.");
}

/** Postgres down or restarting: a 503 with Retry-After, so the caller retries instead of hanging. */
export function asServiceUnavailable(error: unknown): ApiError | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return new ApiError("service_unavailable", "The database is unavailable. Please retry shortly.", { "Retry-After": "2" });
}

/** Some responses (redirects) have immutable headers: those are rebuilt. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
