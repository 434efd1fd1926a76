import { DEV_DEFAULTS } from "@/lib/config/server-config";

/**
 * What the browser's pusher-js needs. Read on the server at request time and
 * passed down as props, not inlined at build time, so one build works against
 * whichever Pusher (hosted, soketi, or the local server on any port) the
 * process was started with.
 */
export type PusherClientConfig = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

export function publicPusherConfig(source: NodeJS.ProcessEnv = process.env): PusherClientConfig {
  // An empty value is unset, as on the server (the test runners blank what
  // they do not set so .env files cannot fill it in).
  const env = (name: string) => source[name]?.trim() || undefined;
  const key = env("NEXT_PUBLIC_PUSHER_KEY") ?? env("PUSHER_KEY") ?? DEV_DEFAULTS.pusherKey;
  const cluster = env("NEXT_PUBLIC_PUSHER_CLUSTER") ?? env("PUSHER_CLUSTER") ?? "mt1";
  const host = env("NEXT_PUBLIC_PUSHER_HOST") ?? (env("PUSHER_CLUSTER") ? undefined : (env("PUSHER_HOST") ?? DEV_DEFAULTS.pusherHost));
  if (!host) return { key, cluster, forceTLS: true };
  const port = Number(env("NEXT_PUBLIC_PUSHER_PORT") ?? env("PUSHER_PORT") ?? DEV_DEFAULTS.pusherPort);
  const forceTLS = (env("NEXT_PUBLIC_PUSHER_FORCE_TLS") ?? env("PUSHER_USE_TLS") ?? "false") === "true";
  return { key, cluster, wsHost: host, wsPort: port, forceTLS };
}
