import "#server-only";
import type { NextRequest } from "next/server";
import { z, type ZodType } from "zod";
import { ApiError } from "@/lib/api/api-error";
import { handleErrors } from "@/lib/api/handle-errors";
import { readJsonBody, readRawBody } from "@/lib/api/read-body";
import { requireSession, type RequestSession } from "@/lib/api/request-session";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { can, type Permission } from "@/lib/auth/permissions";
import { bindToRequest } from "@/lib/observability/logger";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Schemas<P, Q, B> = {
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
};

export type HandlerInput<P, Q, B> = {
  req: NextRequest;
  session: RequestSession;
  params: P;
  query: Q;
  body: B;
};

const MUTATING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The one wrapper for every authenticated route handler:
 * session → active organization → permissions → same-origin check for
 * mutations → zod-validated params, query and body → handler, with every
 * failure mapped to {"error":{"code","message"}}.
 */
export function withRoute<P = undefined, Q = undefined, B = undefined>(
  options: Schemas<P, Q, B> & { permissions: Permission[] },
  handler: (input: HandlerInput<P, Q, B>) => Promise<Response>,
) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> =>
    handleErrors(req, async () => {
      if (MUTATING_METHODS.has(req.method)) assertSameOrigin(req);
      const session = await requireSession(req);
      // The organization joins the request's log lines once the session names it.
      bindToRequest({ organizationId: session.organizationId });
      for (const permission of options.permissions) {
        if (!can(session.role, permission)) {
          throw new ApiError("forbidden", "Your role does not allow this action.");
        }
      }
      const params = parseWith(options.params, await context.params, "path");
      const query = parseWith(options.query, queryObject(req.nextUrl.searchParams), "query");
      const body = options.body ? parseWith(options.body, await readJsonBody(req), "body") : (undefined as B);
      // Routes without a body schema (mark-unread, read-all, delete) used to
      // ignore whatever was sent, so a 1 MB body still deleted the message. The
      // 64 KB limit is part of every route's contract: enforce it here too.
      if (!options.body && req.body) await readRawBody(req);
      return handler({ req, session, params, query, body });
    });
}

function parseWith<T>(schema: ZodType<T> | undefined, input: unknown, where: "path" | "query" | "body"): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(input ?? (where === "body" ? undefined : {}));
  if (result.success) return result.data;
  throw new ApiError("bad_request", describeIssues(result.error, where));
}

function describeIssues(error: z.ZodError, where: string): string {
  const first = error.issues[0];
  const field = first?.path.length ? first.path.join(".") : where;
  return `Invalid ${where === "body" ? "request body" : where} (${field}): ${first?.message ?? "invalid input"}.`;
}

/**
 * Repeated keys become arrays so schemas can refuse or merge them explicitly.
 * Object.fromEntries defines own properties: assigning `result[key]` let
 * `?__proto__=a&__proto__=b` replace the object's prototype with an array, so
 * `filter` resolved to Array.prototype.filter and a valid request got a 400.
 */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  return Object.fromEntries(
    [...new Set(params.keys())].map((key) => {
      const values = params.getAll(key);
      return [key, values.length === 1 ? values[0] : values];
    }),
  );
}

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * Next answers unsupported methods with an empty 405; routes export these
 * instead so every answer is the JSON error shape, with an Allow header.
 * Usage: `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: Method[]): Record<Method, () => Promise<Response>> {
  const reject = async () =>
    new ApiError("method_not_allowed", `Use ${allowed.join(" or ")} on this resource.`, {
      Allow: allowed.join(", "),
    }).toResponse();
  return Object.fromEntries(ALL_METHODS.map((method) => [method, reject])) as Record<Method, () => Promise<Response>>;
}
