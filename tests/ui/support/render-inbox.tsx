// Renders the real <InboxShell> against a fake server and a fake realtime
// source, with a recording notifier.
import { render } from "@testing-library/react";
import { StrictMode } from "react";
import { vi } from "vitest";
import { InboxShell, type InitialThread } from "@/components/inbox/inbox-shell";
import type { Notifier } from "@/lib/inbox/notify";
import type { ContactSummary } from "@/lib/messaging/contact-list";
import type { MessageDto } from "@/lib/messaging/message-dto";
import { EVENTS, organizationChannel, userChannel } from "@/lib/realtime/channels";
import { createFakeRealtime } from "./fake-realtime";
import { createFakeServer } from "./fake-server";

export const ORG_ID = "00000000-0000-4000-8000-0000000000aa";
export const USER_ID = "00000000-0000-4000-8000-0000000000bb";
export const ORG_CHANNEL = organizationChannel(ORG_ID);
export const USER_CHANNEL = userChannel(USER_ID);

export function renderInbox(options: {
  contacts: ContactSummary[];
  messages?: Record<string, MessageDto[]>;
  initialThread?: InitialThread | null;
  readIntervalMs?: number;
  /** Runs before the first render, e.g. to hold the requests the mount makes. */
  prepare?: (server: ReturnType<typeof createFakeServer>) => void;
  /** Under React's StrictMode, as `next dev` renders: effects mount, clean up and mount again. */
  strict?: boolean;
}) {
  const server = createFakeServer({ contacts: [...options.contacts], messages: options.messages });
  options.prepare?.(server);
  const realtime = createFakeRealtime();
  const notifier = { message: vi.fn<Notifier["message"]>(), error: vi.fn<Notifier["error"]>(), dismiss: vi.fn<Notifier["dismiss"]>() };
  const shell = (
    <InboxShell
      viewer={{ userId: USER_ID, organizationId: ORG_ID, name: "Alice Anders", canSend: true, canDelete: true }}
      initialContacts={{ contacts: options.contacts, nextCursor: null }}
      initialThread={options.initialThread ?? null}
      pusherConfig={{ key: "test", cluster: "mt1", forceTLS: false }}
      renderedAt={Date.parse("2026-03-02T12:05:00Z")}
      api={server.api}
      createRealtime={() => realtime.source}
      notifier={notifier}
      readIntervalMs={options.readIntervalMs}
    />
  );
  const utils = render(options.strict ? <StrictMode>{shell}</StrictMode> : shell);
  /** A message stored on the server and announced on the organization channel, as the webhook does. */
  const deliver = (event: ReturnType<typeof newMessage>) => {
    const delivered = { ...event, ...server.receive(event) };
    realtime.emit(ORG_CHANNEL, EVENTS.messageNew, delivered);
    return delivered;
  };
  return { ...utils, server, realtime, notifier, deliver };
}

let eventClock = Date.parse("2026-03-02T12:10:00Z");

/** A message.new payload; each one a second after the previous (all after the fixtures' messages). */
export function newMessage(contactId: string, overrides: Partial<{ id: string; direction: "inbound" | "outbound"; kind: "chat" | "post" | "task" | "system"; preview: string; createdAt: string; contactName: string }> = {}) {
  return {
    id: overrides.id ?? crypto.randomUUID(),
    contactId,
    contactName: overrides.contactName ?? "Someone",
    direction: overrides.direction ?? "inbound",
    kind: overrides.kind ?? "chat",
    preview: overrides.preview ?? "Hi there",
    createdAt: overrides.createdAt ?? new Date((eventClock += 1000)).toISOString(),
  };
}
