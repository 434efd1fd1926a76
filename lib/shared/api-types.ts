// The HTTP contract: every response body the routes answer with, imported by
// the routes (`satisfies`), the typed client (lib/client/badger-api.ts) and
// the tests, so a contract change breaks the build of every side at once.
// Error bodies are `ApiErrorBody` (lib/api/api-error.ts).
import type { ContactPage } from "@/lib/messaging/contact-list";
import type { ContactCountState } from "@/lib/messaging/counted-state";
import type { MessageDto } from "@/lib/messaging/message-dto";
import type { MessagePage } from "@/lib/messaging/messages";
import type { UnreadCounts } from "@/lib/messaging/unread-counts";
import type { EndpointSummary, EndpointWithSecret } from "@/lib/webhooks/inbound-endpoints";

/**
 * `counts`: zero counts omitted, as always. `states`: every requested contact
 * of the organization, zeros included, with what a client needs to count it
 * by itself from the events (issue 16): version, total, readThrough.
 */
export type UnreadCountsResponse = { counts: UnreadCounts; states: Record<string, ContactCountState> };
export type ContactListResponse = ContactPage;
export type MessageListResponse = MessagePage;
export type SendMessageResponse = { message: MessageDto };
export type InboundEndpointListResponse = { endpoints: EndpointSummary[] };
export type InboundEndpointSecretResponse = EndpointWithSecret;
export type PusherAuthResponse = { auth: string };
export type InboundWebhookResponse = { id: string };
/** One contact of another organization, as the server sees it for this user. */
export type OtherContactState = { contactId: string; unread: number; lastReadAt: string | null; muted: boolean };
/** Per other organization, this user's contacts with unread messages or muted. */
export type OrganizationUnread = { organizationId: string; contacts: OtherContactState[] };
/** The caller's other organizations (those whose messages they may see), for the switcher's totals. */
export type OrganizationsUnreadResponse = { organizations: OrganizationUnread[] };
