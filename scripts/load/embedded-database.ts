// A throwaway in-memory PGlite served over TCP, in its own process so the
// load generator's event loop never competes with the database's. Prints
// `READY <url>` once it accepts connections; stops on SIGTERM.
import { startEmbeddedPostgres } from "../lib/embedded-postgres";
import { freePort } from "../lib/free-port";

const database = await startEmbeddedPostgres({ port: await freePort() });
console.log(`READY ${database.url}`);
const stop = async () => {
  await database.stop().catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
