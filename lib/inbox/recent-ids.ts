// "Have we had this one before?" for message ids, bounded: the newest `limit`
// ids are remembered, the oldest forgotten first (a Set keeps insertion order).
import "client-only";

export function createRecentIds(limit = 500) {
  const ids = new Set<string>();
  return {
    /** True the first time an id is seen (and remembers it), false after. */
    first(id: string): boolean {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ids.size > limit) ids.delete(ids.values().next().value!);
      return true;
    },
  };
}
