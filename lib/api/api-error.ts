import "#server-only";
import type { DomainError, DomainErrorKind } from "@/lib/domain/domain-error";

// One error type for every route: the wrapper maps it to
// {"error":{"code","message"}} with the matching status. Messages are written
// for the person reading them; internal details never go into them.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ApiErrorBody = { error: { code: ErrorCode; message: string } };

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }

  toResponse(): Response {
    const body: ApiErrorBody = { error: { code: this.code, message: this.message } };
    return Response.json(body, {
      status: this.status,
      headers: { "Cache-Control": "no-store", ...this.headers },
    });
  }
}

const STATUS_OF_KIND: Record<DomainErrorKind, ErrorCode> = {
  not_found: "not_found",
  conflict: "conflict",
  forbidden: "forbidden",
  invalid_input: "bad_request",
};

/** The one map from what the domain says to what HTTP answers. */
export function apiErrorOf(error: DomainError): ApiError {
  return new ApiError(STATUS_OF_KIND[error.kind], error.message);
}
