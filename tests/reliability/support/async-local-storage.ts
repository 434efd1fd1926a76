// Next's server installs AsyncLocalStorage as a global before it loads its
// request stores, and those modules capture it when first evaluated. Import
// this module first (before anything that loads next/server) wherever Next's
// request scope is needed in-process.
import { AsyncLocalStorage } from "node:async_hooks";

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
