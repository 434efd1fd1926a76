import "#server-only";
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/api-error";

/**
 * CSRF defence in depth next to SameSite=Lax cookies: a browser always sends
 * Origin (and Sec-Fetch-Site) on cross-site POSTs, so a mismatch is refused.
 * Requests without either header come from non-browser clients, which cannot
 * ride a victim's cookies.
 */
export function assertSameOrigin(req: NextRequest) {
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site") throw crossOrigin();
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? req.nextUrl.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossOrigin();
  }
  if (originHost !== host) throw crossOrigin();
}

function crossOrigin() {
  return new ApiError("forbidden", "Cross-origin requests are not allowed.");
}
