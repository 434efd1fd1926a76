import "#server-only";
import type { RateLimitRule } from "@/lib/rate-limit/sliding-window";

// The chat platform's contract: a client may mark read at most 30 times per
// 10 s; the UI debounces to one call per contact every 5 s, far below this.
export const MARK_READ_RULE: RateLimitRule = { limit: 30, windowMs: 10_000 };

// Credential stuffing and password guessing: per account and per address.
export const LOGIN_PER_ACCOUNT_RULE: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };
export const LOGIN_PER_IP_RULE: RateLimitRule = { limit: 50, windowMs: 15 * 60_000 };
