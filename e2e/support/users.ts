import path from "node:path";

export type DemoUser = "alice" | "bob" | "dave" | "vera";

export function storageStateOf(user: DemoUser) {
  return path.resolve(import.meta.dirname, "..", ".auth", `${user}.json`);
}
