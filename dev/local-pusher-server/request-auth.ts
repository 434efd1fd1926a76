import { hmacSha256Hex, md5Hex, safeEqual } from "./signing.js";

/** Real Pusher tolerates this much clock skew between publisher and server. */
const MAX_TIMESTAMP_SKEW_SECONDS = 600;

export interface SignedRequest {
  method: string;
  /** Path exactly as it appears in the request line, without the query. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
}

export interface RequestCredentials {
  key: string;
  secret: string;
  nowSeconds?: number;
}

/**
 * Checks the `auth_*` query parameters the way the hosted API does and the
 * way `pusher` (lib/requests.js createSignedQueryString) signs them:
 *
 *   auth_signature = hex HMAC-SHA256(secret, "METHOD\nPATH\nk1=v1&k2=v2...")
 *
 * where the pairs are every query parameter except auth_signature, keys
 * lower-cased, sorted by key (code-unit order, as JS `<` sorts), values
 * un-escaped. Returns an error message, or null when the request is valid.
 */
export function verifySignedRequest(
  request: SignedRequest,
  credentials: RequestCredentials,
): string | null {
  const params = new Map<string, string>();
  for (const [rawKey, value] of request.query) {
    const key = rawKey.toLowerCase();
    // A repeated parameter makes "the" signed value ambiguous; refuse rather
    // than guess which occurrence the signer meant.
    if (params.has(key)) return `Duplicate query parameter: ${key}`;
    params.set(key, value);
  }

  const signature = params.get("auth_signature");
  if (!signature) return "Missing auth_signature";

  const authKey = params.get("auth_key");
  if (authKey === undefined || !safeEqual(authKey, credentials.key)) {
    return "Invalid auth_key";
  }

  if (params.get("auth_version") !== "1.0") {
    return "Unsupported auth_version (expected 1.0)";
  }

  const timestampError = checkTimestamp(
    params.get("auth_timestamp"),
    credentials.nowSeconds ?? Math.floor(Date.now() / 1000),
  );
  if (timestampError) return timestampError;

  const bodyMd5 = params.get("body_md5");
  if (request.body.length > 0 || bodyMd5 !== undefined) {
    if (bodyMd5 === undefined) return "Missing body_md5";
    if (!safeEqual(bodyMd5.toLowerCase(), md5Hex(request.body))) {
      return "body_md5 does not match the request body";
    }
  }

  const signedQuery = [...params.entries()]
    .filter(([key]) => key !== "auth_signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const expected = hmacSha256Hex(
    credentials.secret,
    [request.method.toUpperCase(), request.path, signedQuery].join("\n"),
  );
  if (!safeEqual(signature, expected)) return "Invalid signature";

  return null;
}

function checkTimestamp(
  raw: string | undefined,
  nowSeconds: number,
): string | null {
  if (raw === undefined || !/^\d+$/.test(raw)) {
    return "Missing or malformed auth_timestamp";
  }
  const skew = Math.abs(nowSeconds - Number(raw));
  if (skew > MAX_TIMESTAMP_SKEW_SECONDS) {
    return `auth_timestamp is ${skew}s away from server time (limit ${MAX_TIMESTAMP_SKEW_SECONDS}s)`;
  }
  return null;
}
