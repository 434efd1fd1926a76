// The demo inbox content per organization: contacts, message scripts and how
// far each team member has read. Written in the format of ./demo-script.ts.

import type { DemoOrganizationSlug } from "./demo-accounts";
import { ACME_CONTACTS_1 } from "./demo-conversations-acme-1";
import { ACME_CONTACTS_2 } from "./demo-conversations-acme-2";
import { GLOBEX_CONTACTS } from "./demo-conversations-globex";
import type { DemoContactScript } from "./demo-script";

export type { DemoContactScript, ScriptLine, Sender, UnreadSpec } from "./demo-script";

export const DEMO_CONVERSATIONS: Record<DemoOrganizationSlug, readonly DemoContactScript[]> = {
  acme: [...ACME_CONTACTS_1, ...ACME_CONTACTS_2],
  globex: GLOBEX_CONTACTS,
};
