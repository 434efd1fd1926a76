// The contact sets the benchmark measures, all for the measured user (user 0),
// whose unread backlog on each contact is its planned depth.
import { tierContacts, type DatasetPlan, type TierName } from "./dataset-plan";
import type { BenchDataset } from "./generate-dataset";

export type ContactSet = {
  key: string;
  label: string;
  contactIds: string[];
  /** Planned backlog depth (curve sets), for the chart's x axis. */
  depth?: number;
};

function take(plan: DatasetPlan, dataset: BenchDataset, tiers: TierName[], size: number): string[] {
  const ids: string[] = [];
  for (const tier of tiers) {
    for (const contact of tierContacts(plan, tier)) {
      if (ids.length === size) return ids;
      ids.push(dataset.contactIds[contact.index]);
    }
  }
  return ids;
}

/** (a)/(b): 100 and 500 contacts, shallow (about 10 each) and deep (10 x 100,000 + 90 x 10,000 ...). */
export function batchSets(plan: DatasetPlan, dataset: BenchDataset): ContactSet[] {
  const deep100 = take(plan, dataset, ["100k", "10k"], 100);
  return [
    { key: "shallow-100", label: "100 contacts, ~10 unread each", contactIds: take(plan, dataset, ["10", "100", "0"], 100) },
    { key: "deep-100", label: "100 contacts: 10 x 100k + 90 x 10k unread", contactIds: deep100 },
    { key: "shallow-500", label: "500 contacts, ~10 unread each", contactIds: take(plan, dataset, ["10", "100", "0"], 500) },
    {
      key: "deep-500",
      label: "500 contacts: the deep 100 + 400 x 1k unread",
      contactIds: [...deep100, ...take(plan, dataset, ["1k", "100", "10"], 400)],
    },
  ];
}

/** (c): ten contacts per depth, each exactly that deep for the measured user. */
export function curveSets(plan: DatasetPlan, dataset: BenchDataset): ContactSet[] {
  const tiers: TierName[] = ["10", "100", "1k", "10k", "100k"];
  return tiers.map((tier) => {
    const contacts = tierContacts(plan, tier).slice(0, 10);
    return {
      key: `curve-${tier}`,
      label: `10 contacts, ${contacts[0]?.depth.toLocaleString("en")} unread each`,
      contactIds: contacts.map((contact) => dataset.contactIds[contact.index]),
      depth: contacts[0]?.depth ?? 0,
    };
  });
}

/** Contacts nobody measures: targets for the mark-read load and the realtime webhooks. */
export function spareContacts(plan: DatasetPlan, dataset: BenchDataset): string[] {
  const measured = new Set([...batchSets(plan, dataset), ...curveSets(plan, dataset)].flatMap((set) => set.contactIds));
  return dataset.contactIds.filter((id) => !measured.has(id));
}
