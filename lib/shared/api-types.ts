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
import type { OrganizationUnread } from "@/lib/inbox/organization-totals";

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
/** The caller's other organizations (those whose messages they may see), for the switcher's totals. */
export type OrganizationsUnreadResponse = { organizations: OrganizationUnread[] };
