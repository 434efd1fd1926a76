// The demo organizations and the people who sign in to them. Plain data so the
// README, the e2e tests and the dev runner's banner all quote the same accounts
// the seed creates (dev/demo/seed-demo-data.ts).

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "password";

export type DemoRole = "admin" | "agent" | "viewer";

/** Stable handle used by the conversation scripts to name an author. */
export type DemoUserKey = "alice" | "bob" | "vera" | "dave" | "olivia";

export type DemoAccount = {
  key: DemoUserKey;
  email: string;
  name: string;
  role: DemoRole;
};

export type DemoOrganizationSlug = "acme" | "globex";

export type DemoOrganization = {
  slug: DemoOrganizationSlug;
  name: string;
  accounts: readonly DemoAccount[];
};

/** A member of both organizations (issue 14): the switcher and its live totals are seen and tested with her. */
const OLIVIA: DemoAccount = { key: "olivia", email: "olivia@example.test", name: "Olivia Ortiz", role: "agent" };

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    slug: "acme",
    name: "Acme",
    accounts: [
      { key: "alice", email: "alice@acme.test", name: "Alice Anders", role: "admin" },
      { key: "bob", email: "bob@acme.test", name: "Bob Baker", role: "agent" },
      { key: "vera", email: "vera@acme.test", name: "Vera Vance", role: "viewer" },
      OLIVIA,
    ],
  },
  {
    slug: "globex",
    name: "Globex",
    accounts: [{ key: "dave", email: "dave@globex.test", name: "Dave Dixon", role: "agent" }, OLIVIA],
  },
];

/** Every demo account with its organization, in a stable order (a member of two is listed twice). */
export const DEMO_ACCOUNTS: readonly (DemoAccount & {
  organizationSlug: DemoOrganizationSlug;
  organizationName: string;
})[] = DEMO_ORGANIZATIONS.flatMap((org) =>
  org.accounts.map((account) => ({ ...account, organizationSlug: org.slug, organizationName: org.name })),
);

export function demoAccount(key: DemoUserKey) {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.key === key);
  if (!account) throw new Error(`Unknown demo account: ${key}`);
  return account;
}

/** "email (Organization role, …)" per account, once each: the dev banner's list. */
export function demoSignInList(): string {
  const memberships = new Map<string, string[]>();
  for (const account of DEMO_ACCOUNTS) {
    const list = memberships.get(account.email) ?? [];
    memberships.set(account.email, [...list, `${account.organizationName} ${account.role}`]);
  }
  return [...memberships].map(([email, where]) => `${email} (${where.join(", ")})`).join(", ");
}
