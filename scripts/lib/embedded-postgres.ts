// Embedded Postgres for the zero-setup default: PGlite (Postgres compiled to
// WebAssembly) served over TCP, so the app, the Prisma CLI and the tests use
// the same `pg` wire-protocol path as a real server.
import { mkdirSync } from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

export type EmbeddedPostgres = {
  url: string;
  port: number;
  stop(): Promise<void>;
};

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

const SYNC = 0x53; // 'S': ends an extended-protocol exchange
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/**
 * PGlite has one backend session shared by every TCP connection. The stock
 * queue of pglite-socket interleaves connections message by message, so one
 * client's Parse can be bound by another client's Bind (wrong rows under
 * concurrency). This queue hands the backend to one connection from its
 * first message until its exchange is over (Sync or simple Query) and no
 * transaction is open: concurrent clients then behave as serialised
 * transactions, as on a real server.
 */
class ExchangeQueue {
  private queue: QueuedMessage[] = [];
  private owner: number | null = null;
  private processing = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private next(): QueuedMessage | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process() {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          current.resolve(bytes);
        } catch (error) {
          current.reject(error);
        }
        const type = current.message[0];
        const exchangeOver = type === SYNC || type === SIMPLE_QUERY || type === TERMINATE || type === 0;
        this.owner = exchangeOver && !this.db.isInTransaction() ? null : current.handlerId;
      }
    } finally {
      this.processing = false;
    }
  }

  async release(handlerId: number) {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("connection closed"));
      return false;
    });
    if (this.owner === handlerId) {
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
      this.owner = null;
      void this.process();
    }
  }
}

/** `dataDir` undefined keeps the database in memory (tests). */
export async function startEmbeddedPostgres(options: { dataDir?: string; port: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir ?? "memory://");
  const queue = new ExchangeQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();

  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({
      // Structurally what the handler needs: enqueue, plus the two clean-up hooks.
      queryQueue: {
        enqueue: queue.enqueue.bind(queue),
        clearQueueForHandler: () => undefined,
        clearTransactionIfNeeded: (id: number) => queue.release(id),
        getQueueLength: () => 0,
      } as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]["queryQueue"],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener("close", forget);
    handler.addEventListener("error", forget);
    void handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });

  return {
    port: options.port,
    url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`,
    async stop() {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
