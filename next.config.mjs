// Security headers for every response. The Content-Security-Policy is set per
// request in proxy.ts: it names the realtime server the process was started
// with, which a build-time header cannot know.
import os from "node:os";

/**
 * Next 16's dev server serves its scripts and HMR socket only to origins it
 * trusts (localhost by default): a page opened at http://127.0.0.1:PORT or at
 * the "Network" address Next prints never hydrates, so nobody can sign in
 * there. Trust every address this machine answers on, the host of the URL the
 * runner announces (NEXTAUTH_URL), and BADGER_DEV_ORIGINS (comma-separated
 * host names, e.g. a tunnel). Development only: production ignores it.
 */
export function devOrigins(env = process.env, interfaces = os.networkInterfaces()) {
  const hosts = new Set(["localhost", "127.0.0.1", "::1", os.hostname()]);
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) hosts.add(address.address);
  }
  if (env.NEXTAUTH_URL) {
    try {
      hosts.add(new URL(env.NEXTAUTH_URL).hostname);
    } catch {
      // not a URL: next-auth reports it
    }
  }
  for (const host of (env.BADGER_DEV_ORIGINS ?? "").split(",")) if (host.trim()) hosts.add(host.trim());
  return [...hosts].filter(Boolean);
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
