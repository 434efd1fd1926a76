// What the load run is asked to do (LOAD_* environment variables) and where
// it may send traffic: this machine only.

export const options = {
  url: process.env.LOAD_URL,
  duration: Number(process.env.LOAD_DURATION ?? 60),
  connections: Number(process.env.LOAD_CONNECTIONS ?? 50),
  webhooksPerSecond: Number(process.env.LOAD_WEBHOOKS_PER_SECOND ?? 20),
  email: process.env.LOAD_EMAIL ?? "alice@acme.test",
  password: process.env.LOAD_PASSWORD ?? "password",
  databaseServerUrl: process.env.LOAD_DATABASE_URL,
  writeReport: process.env.LOAD_WRITE_BENCHMARKS !== "0",
};
const MAX_DURATION_SECONDS = 600;
if (!(options.duration > 0 && options.duration <= MAX_DURATION_SECONDS)) throw new Error(`LOAD_DURATION must be 1..${MAX_DURATION_SECONDS} s`);

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to send load to ${host}: only this machine is a target.`);
}

/** A progress line, indented under the run's banner. */
export const log = (text: string) => console.log(`  ${text}`);
