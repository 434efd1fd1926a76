// The inbox's URLs: /inbox, and /inbox/<contact id> for an open conversation.
// Shared by the URL sync of the inbox and the layout's skip link.
import { UUID_SOURCE } from "@/lib/shared/uuid";

const CONTACT_PATH = new RegExp(`^/inbox/(${UUID_SOURCE})/?$`, "i");

export function contactIdFromPath(pathname: string): string | null {
  return CONTACT_PATH.exec(pathname)?.[1]?.toLowerCase() ?? null;
}

export const pathFor = (contactId: string | null) => (contactId ? `/inbox/${contactId}` : "/inbox");
