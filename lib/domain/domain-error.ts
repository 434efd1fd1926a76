/**
 * What domain code (lib/messaging, lib/webhooks) throws when a request cannot
 * be served: it knows nothing of HTTP. The route wrapper's one map
 * (lib/api/handle-errors.ts) turns each kind into its status and JSON code.
 * Messages are written for the person reading them.
 */
export type DomainErrorKind = "not_found" | "conflict" | "forbidden" | "invalid_input";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

const NOT_FOUND_MESSAGES = {
  contact: "Contact not found.",
  message: "Message not found.",
  endpoint: "Webhook endpoint not found.",
} as const;

/**
 * The single "not found" for every resource lookup: a record of another
 * organization and one that never existed must be indistinguishable.
 */
export function notFound(resource: keyof typeof NOT_FOUND_MESSAGES): DomainError {
  return new DomainError("not_found", NOT_FOUND_MESSAGES[resource]);
}
