// Security headers for every response. The CSP allows the Pusher WebSocket
// endpoints: the hosted service (*.pusher.com) and the local development
// server (any localhost port).
const isDev = process.env.NODE_ENV !== "production";

function pusherConnectSources() {
  const sources = ["wss://*.pusher.com", "https://*.pusher.com"];
  const host = process.env.NEXT_PUBLIC_PUSHER_HOST;
  if (host) {
    const port = process.env.NEXT_PUBLIC_PUSHER_PORT ? `:${process.env.NEXT_PUBLIC_PUSHER_PORT}` : "";
    sources.push(`ws://${host}${port}`, `wss://${host}${port}`);
  }
  sources.push("ws://127.0.0.1:*", "ws://localhost:*");
  return sources.join(" ");
}

const contentSecurityPolicy = [
  "default-src 'self'",
  // Next injects inline bootstrap scripts; dev mode also needs eval for HMR.
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self' ${pusherConnectSources()}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
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
