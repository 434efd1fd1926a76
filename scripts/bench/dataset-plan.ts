// The benchmark dataset, planned in TypeScript and generated set-based in SQL
// (generate-dataset.ts). One organization, 20 users, 10,000 contacts; each
// contact has a short read history and then an unread backlog whose depth
// follows a log-scale ladder from 0 to 100,000, so one run can measure sets of
// any depth. Everything is deterministic: the same scale gives the same data.

export const BENCH_ORG_SLUG = "bench";
export const USER_COUNT = 20;
export const FULL_SCALE_CONTACTS = 10_000;
/** The user whose badges are measured: their unread backlog is each contact's planned depth. */
export const MEASURED_USER_INDEX = 0;
/** Share of backlog messages that count (the rest: outbound, system, deleted; see generate-dataset.ts). */
export const COUNTED_SHARE = 17 / 20;

export type TierName = "0" | "10" | "100" | "1k" | "10k" | "100k";

type Tier = { name: TierName; depth: number; contacts: (total: number) => number };

// Log-scale ladder of backlog depths at scale 1. The two deep tiers have a fixed
// size (the deep sets need 10 x 100,000 and 90 x 10,000); the others are shares.
export const TIERS: Tier[] = [
  { name: "100k", depth: 100_000, contacts: () => 10 },
  { name: "10k", depth: 10_000, contacts: () => 90 },
  { name: "1k", depth: 1_000, contacts: (total) => Math.round(total * 0.04) },
  { name: "100", depth: 100, contacts: (total) => Math.round(total * 0.15) },
  { name: "10", depth: 10, contacts: (total) => Math.round(total * 0.4) },
  { name: "0", depth: 0, contacts: () => 0 }, // the rest
];

export type ContactPlan = {
  index: number;
  tier: TierName;
  /** Planned counted unread messages for the measured user. */
  depth: number;
  /** Messages before the measured user's read position. */
  history: number;
  /** Messages after it: exactly `depth` of them count (backlogFor). */
  backlog: number;
  /** Milliseconds between two consecutive messages of this contact. */
  stepMs: number;
};

export type DatasetPlan = {
  scale: number;
  contacts: ContactPlan[];
  totalMessages: number;
  /** created_at of every contact's first message is this far back; the last is 10 days ago. */
  spanStartDaysAgo: number;
};

const SPAN_MS = 50 * 24 * 3600 * 1000;

export function contactCount(scale: number) {
  return Math.max(600, Math.round(FULL_SCALE_CONTACTS * Math.min(1, scale * 10)));
}

/** A stable pseudo-random number in [0, 1) for an integer key. */
export function unitHash(key: number) {
  let x = (key + 0x9e3779b9) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4294967296;
}

export function planDataset(scale: number): DatasetPlan {
  const total = contactCount(scale);
  const contacts: ContactPlan[] = [];
  let assigned = 0;
  for (const tier of TIERS) {
    const size = tier.name === "0" ? total - assigned : Math.min(tier.contacts(total), total - assigned);
    for (let position = 0; position < size; position++) {
      const index = contacts.length;
      // The first ten of a tier are exactly its depth (the cost-curve sets); the
      // others spread log-uniformly over x0.7..x1.4 around it.
      const spread = position < 10 ? 1 : 10 ** ((unitHash(index * 31 + 7) - 0.5) * 0.3);
      const depth = tier.depth === 0 ? 0 : Math.max(1, Math.round(tier.depth * scale * spread));
      const history = 5 + Math.floor(unitHash(index * 17 + 3) * 26);
      const backlog = backlogFor(depth);
      const stepMs = Math.floor(SPAN_MS / (history + backlog + 1));
      contacts.push({ index, tier: tier.name, depth, history, backlog, stepMs });
    }
    assigned += size;
  }
  const totalMessages = contacts.reduce((sum, contact) => sum + contact.history + contact.backlog, 0);
  return { scale, contacts, totalMessages, spanStartDaysAgo: 60 };
}

/**
 * Backlog message j (1-based, after the read position) is outbound when j % 20
 * is 0, `system` at 7 and deleted at 13; the rest count. The smallest backlog
 * holding exactly `depth` counted messages.
 */
export function backlogFor(depth: number) {
  const counted = (size: number) =>
    size - Math.floor(size / 20) * 3 - (size % 20 >= 7 ? 1 : 0) - (size % 20 >= 13 ? 1 : 0);
  let size = Math.floor(depth * COUNTED_SHARE);
  while (counted(size) < depth) size++;
  return size;
}

/** Contacts of a tier, in plan order (the first ten have the exact tier depth). */
export function tierContacts(plan: DatasetPlan, tier: TierName) {
  return plan.contacts.filter((contact) => contact.tier === tier);
}
