import { publicPusherConfig } from "@/lib/realtime/public-config";

/**
 * The realtime origins the browser may open a WebSocket to: exactly the
 * server the page's pusher-js is configured for (publicPusherConfig, read at
 * request time), never "any port on localhost". Development adds the local
 * wildcards for Next's hot reload and the local Pusher server on any port.
 */
export function realtimeConnectSources(env: NodeJS.ProcessEnv, isDev: boolean): string[] {
  const config = publicPusherConfig(env);
  const sources = config.wsHost
    ? [`${config.forceTLS ? "wss" : "ws"}://${config.wsHost}:${config.wsPort}`]
    : // Hosted Pusher: pusher-js connects to its cluster's WebSocket host only
      // (enabledTransports ws/wss, so no SockJS fallback hosts).
      [`wss://ws-${config.cluster}.pusher.com`];
  if (isDev) sources.push("ws://127.0.0.1:*", "ws://localhost:*");
  return sources;
}

/**
 * Built per request (proxy.ts) rather than in next.config at build time, so
 * one build serves whichever realtime server the process was started with,
 * as the page's pusher-js config already does.
 *
 * script-src keeps 'unsafe-inline' instead of a per-request nonce: Next can
 * only put a nonce on its scripts when it renders the page at request time,
 * so a nonce would turn the statically prerendered pages (the 404 page, the
 * app icon) dynamic. default-src 'self', object-src 'none' and base-uri
 * 'self' still leave an injected inline script no way to load code from
 * elsewhere, and React escapes everything it renders.
 */
export function contentSecurityPolicy(env: NodeJS.ProcessEnv, isDev: boolean): string {
  return [
    "default-src 'self'",
    // Next injects inline bootstrap scripts; dev mode also needs eval for HMR.
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${realtimeConnectSources(env, isDev).join(" ")}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
