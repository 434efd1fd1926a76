// The vocabulary of the authorization matrix: who calls (five callers), what
// they point at (their own organization or the other one), and what a row of
// the table says a route must answer.
import { signInboundWebhook } from "@/lib/webhooks/inbound-signature";
import { SAME_ORIGIN_HEADERS, type ReadResponse, type RouteCall } from "./call-route";

export const CALLERS = ["anonymous", "viewer", "agent", "admin", "foreignAgent"] as const;
export type Caller = (typeof CALLERS)[number];
export const TARGETS = ["own", "other"] as const;
export type TargetKind = (typeof TARGETS)[number];

/** Something a request can point at, in one organization (or nowhere: the ghost). */
export type Target = {
  organizationId: string;
  /** A string only this organization's data contains ("ghost" for the ghost). */
  tag: string;
  contactId: string;
  /** A live message of that organization; a fresh one per call, so deletes can succeed. */
  message: () => Promise<string>;
  /** A member of that organization (for private-user channels). */
  userId: string;
  /** A fresh inbound endpoint of that organization, so revokes can succeed. */
  endpoint: () => Promise<{ id: string; path: string; secret: string }>;
};

export type CallerContext = {
  caller: Caller;
  userId: string | null;
  /** The inbound endpoint of the caller's home organization (anonymous: Acme's). */
  homeEndpoint: () => Promise<{ id: string; path: string; secret: string }>;
};

/** [own-organization target, other-organization target] */
type Pair = [own: number, other: number];
type Expectation = Record<Caller, Pair>;

export type Variant = {
  label: string;
  request: (target: Target, caller: CallerContext) => Promise<Omit<RouteCall, "route" | "method" | "cookie">>;
  expect: Expectation;
  /** Extra checks on a successful own-target answer. */
  check?: (response: ReadResponse, target: Target) => void;
  /** A successful answer about another organization's resource must equal the one about a resource that does not exist. */
  successLeaksNothing?: boolean;
};

export const same = (status: number): Pair => [status, status];
export const expectation = (rows: Expectation) => rows;

export const form = (fields: Record<string, string>) => ({
  headers: { ...SAME_ORIGIN_HEADERS, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
export const json = (value: unknown) => ({
  headers: { ...SAME_ORIGIN_HEADERS, "content-type": "application/json" },
  body: JSON.stringify(value),
});
export const mutation = { headers: { ...SAME_ORIGIN_HEADERS } };

export function signedWebhook(endpoint: { id: string; secret: string }, payload: Record<string, unknown>) {
  const raw = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    params: { endpointId: endpoint.id },
    headers: {
      "content-type": "application/json",
      "x-webhook-timestamp": String(timestamp),
      "x-webhook-signature": signInboundWebhook(endpoint.secret, timestamp, raw),
    },
    body: raw,
  };
}
