// `npm ci` refuses a lock file that lacks any optional dependency a locked
// package declares, even one for another platform (@next/swc-darwin-arm64 on
// Linux). A lock rewritten over an existing node_modules can drop them; one
// generated fresh from package.json keeps them all.
type LockPackage = { version?: string; optionalDependencies?: Record<string, string> };
export type LockFile = { packages: Record<string, LockPackage> };

/** Every optional dependency some locked package declares but the lock does not hold. */
export function missingOptionalPackages(lock: LockFile): string[] {
  const missing = new Set<string>();
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      // Resolution as Node does it: next to the dependent, then up the tree.
      const candidates: string[] = [];
      let base = location;
      while (true) {
        candidates.push(`${base ? `${base}/` : ""}node_modules/${name}`);
        const parent = base.lastIndexOf("/node_modules/");
        if (base === "") break;
        base = parent === -1 ? "" : base.slice(0, parent);
      }
      if (!candidates.some((candidate) => lock.packages[candidate])) missing.add(`${name} (for ${location || "the root"})`);
    }
  }
  return [...missing].sort();
}
