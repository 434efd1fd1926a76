// The measured load: LOAD_CONNECTIONS autocannon connections on the
// unread-counts endpoint for LOAD_DURATION seconds. Every response's latency
// is kept, so the report computes its percentiles from all of them.
import { createRequire } from "node:module";
import type { AutocannonResult } from "autocannon";
import { options } from "./load-options";

// autocannon ships no types. Its result is typed in scripts/bench/autocannon.d.ts
// (with the promise API the benchmark uses); the load run needs the callback
// API, for the per-response events, typed here.
type AutocannonInstance = {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  stop(): void;
};
type Autocannon = (
  options: { url: string; connections: number; duration: number; headers: Record<string, string>; timeout?: number },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** Runs the load; `latencies` are in milliseconds, in the order the responses came. */
export async function loadCountsEndpoint(countsUrl: string, cookie: string): Promise<{ result: AutocannonResult; latencies: number[] }> {
  const latencies: number[] = [];
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: countsUrl, connections: options.connections, duration: options.duration, headers: { cookie }, timeout: 10 },
      (error, value) => (error ? reject(error) : resolve(value)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return { result, latencies };
}
