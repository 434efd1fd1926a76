// @vitest-environment jsdom
// Realtime events → badges, toasts and the open thread, through the real
// InboxShell with a hand-driven realtime source.
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/realtime/channels";
import { makeContacts } from "./support/fake-server";
import { ORG_CHANNEL, USER_CHANNEL, newMessage, renderInbox } from "./support/render-inbox";

const contacts = makeContacts(4, (index) => [2, 0, 5, 0][index]);
const badge = (index: number) => screen.queryByTestId(`unread-badge-${contacts[index].id}`);
const countRequests = (inbox: ReturnType<typeof renderInbox>) => inbox.server.callsTo("GET", /unread-counts$/);

/**
 * Barrier for "no request was made": a change of contact 4 that this tab
 * never hears about, then an event one version past it. The gap makes
 * exactly one request, for contact 4; any other request would be visible too.
 */
async function onlyTheGapIsFetched(inbox: ReturnType<typeof renderInbox>) {
  inbox.server.counts[contacts[3].id] = 1;
  act(() => inbox.deliver(newMessage(contacts[3].id)));
  await waitFor(() => expect(badge(3)).toHaveTextContent("2"));
  expect(countRequests(inbox).map((call) => call.query.get("contact_ids"))).toEqual([contacts[3].id]);
}

describe("message.new", () => {
  it("toasts and counts an inbound message for another contact from the event alone, with no request", async () => {
    const inbox = renderInbox({ contacts });
    const long = "x".repeat(70) + " and then a lot more text that goes beyond eighty characters";
    const event = newMessage(contacts[1].id, { contactName: contacts[1].name, preview: long });
    act(() => void inbox.deliver(event));

    expect(badge(1)).toHaveTextContent("1");
    expect(inbox.notifier.message).toHaveBeenCalledTimes(1);
    const toast = inbox.notifier.message.mock.calls[0][0];
    expect(toast).toMatchObject({ contactId: contacts[1].id, contactName: contacts[1].name });
    expect(toast.preview.length).toBeGreaterThan(0);
    // The contact moved to the top with the new preview.
    const rows = screen.getAllByTestId(/^contact-row-/);
    expect(rows[0]).toHaveAttribute("data-testid", `contact-row-${contacts[1].id}`);
    await onlyTheGapIsFetched(inbox);
    expect(badge(1)).toHaveTextContent("1");

    // Clicking the toast opens the conversation.
    act(() => toast.onOpen());
    expect(screen.getByTestId(`contact-row-${contacts[1].id}`)).toHaveAttribute("data-active", "true");
    expect(badge(1)).not.toBeInTheDocument();
    expect(window.location.pathname).toBe(`/inbox/${contacts[1].id}`);
  });

  it("counts from the events under StrictMode too (next dev mounts, cleans up and mounts again)", async () => {
    const inbox = renderInbox({ contacts, strict: true });
    act(() => void inbox.deliver(newMessage(contacts[1].id)));
    act(() => void inbox.deliver(newMessage(contacts[0].id)));
    expect(badge(1)).toHaveTextContent("1");
    expect(badge(0)).toHaveTextContent("3");
    await onlyTheGapIsFetched(inbox);
  });

  it("counts a burst of 50 messages from the events, with no count request", async () => {
    const inbox = renderInbox({ contacts });
    act(() => {
      for (let index = 0; index < 50; index += 1) inbox.deliver(newMessage(contacts[index % 3].id));
    });
    expect(badge(0)).toHaveTextContent(String(2 + 17));
    expect(badge(2)).toHaveTextContent(String(5 + 16));
    await onlyTheGapIsFetched(inbox);
  });

  it("never toasts or counts outbound and system messages, but updates the preview", async () => {
    const inbox = renderInbox({ contacts });
    act(() => inbox.deliver(newMessage(contacts[3].id, { direction: "outbound", preview: "We shipped it" })));
    act(() => inbox.deliver(newMessage(contacts[3].id, { kind: "system", preview: "Conversation closed" })));
    expect(badge(3)).not.toBeInTheDocument();
    expect(inbox.notifier.message).not.toHaveBeenCalled();
    expect(screen.getByText("Conversation closed")).toBeInTheDocument();
  });

  it("ignores events created at or before the contact's last read time (stale)", async () => {
    const inbox = renderInbox({ contacts });
    const lastReadAt = contacts[1].lastReadAt!;
    // Stamped within the read position: the server counts them into the readThrough as well.
    act(() => void inbox.deliver(newMessage(contacts[1].id, { createdAt: lastReadAt })));
    act(() => void inbox.deliver(newMessage(contacts[1].id, { createdAt: new Date(Date.parse(lastReadAt) - 60_000).toISOString() })));
    expect(badge(1)).not.toBeInTheDocument();
    expect(inbox.notifier.message).not.toHaveBeenCalled();
  });

  it("counts a duplicate delivery of the same message once", () => {
    const inbox = renderInbox({ contacts });
    let delivered: unknown;
    act(() => void (delivered = inbox.deliver(newMessage(contacts[1].id))));
    act(() => inbox.realtime.emit(ORG_CHANNEL, EVENTS.messageNew, delivered));
    expect(badge(1)).toHaveTextContent("1");
  });
});

describe("message.removed", () => {
  it("lowers the badge of a counted message from the event alone, with no request", async () => {
    const inbox = renderInbox({ contacts });
    expect(badge(2)).toHaveTextContent("5");
    const createdAt = "2026-03-02T11:30:00.000Z"; // after the last read: it was counted
    act(() =>
      inbox.realtime.emit(ORG_CHANNEL, EVENTS.messageRemoved, {
        id: crypto.randomUUID(),
        contactId: contacts[2].id,
        createdAt,
        ...inbox.server.remove(contacts[2].id, createdAt),
      }),
    );
    expect(badge(2)).toHaveTextContent("4");
    await onlyTheGapIsFetched(inbox);
  });

  it("lowers the badge at once for a message this tab counted", () => {
    const inbox = renderInbox({ contacts });
    const event = newMessage(contacts[1].id);
    act(() => void inbox.deliver(event));
    expect(badge(1)).toHaveTextContent("1");
    act(() =>
      inbox.realtime.emit(ORG_CHANNEL, EVENTS.messageRemoved, {
        id: event.id,
        contactId: event.contactId,
        createdAt: event.createdAt,
        ...inbox.server.remove(event.contactId, event.createdAt),
      }),
    );
    expect(badge(1)).not.toBeInTheDocument();
  });

  it("leaves the badge alone for a message that was already read", async () => {
    const inbox = renderInbox({ contacts });
    // History stamped within the read position: counted in the total and the readThrough, then removed from both.
    const createdAt = "2026-01-01T00:00:00.000Z";
    act(() => void inbox.deliver(newMessage(contacts[2].id, { createdAt })));
    expect(badge(2)).toHaveTextContent("5");
    act(() =>
      inbox.realtime.emit(ORG_CHANNEL, EVENTS.messageRemoved, {
        id: crypto.randomUUID(),
        contactId: contacts[2].id,
        createdAt,
        ...inbox.server.remove(contacts[2].id, createdAt),
      }),
    );
    expect(badge(2)).toHaveTextContent("5");
    await onlyTheGapIsFetched(inbox);
  });

  it("removes the message from the open thread", async () => {
    const messageId = "00000000-0000-4000-8000-a00000000999";
    const inbox = renderInbox({
      contacts,
      messages: {
        [contacts[1].id]: [
          { id: messageId, contactId: contacts[1].id, direction: "inbound", kind: "chat", body: "Delete me", preview: "Delete me", authorName: null, createdAt: "2026-03-02T11:59:00.000Z" },
        ],
      },
    });
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[1].id}`).querySelector("button")!);
    await screen.findByTestId(`message-${messageId}`);
    const createdAt = "2026-03-02T11:59:00.000Z";
    act(() =>
      inbox.realtime.emit(ORG_CHANNEL, EVENTS.messageRemoved, { id: messageId, contactId: contacts[1].id, createdAt, ...inbox.server.remove(contacts[1].id, createdAt) }),
    );
    expect(screen.queryByTestId(`message-${messageId}`)).not.toBeInTheDocument();
  });
});

describe("other tabs and devices of the same user", () => {
  it("conversation.read clears that contact's badge without a reload", () => {
    const inbox = renderInbox({ contacts });
    act(() => inbox.realtime.emit(USER_CHANNEL, EVENTS.conversationRead, inbox.server.read(contacts[2].id, "2026-03-02T12:00:00.000Z")));
    expect(badge(2)).not.toBeInTheDocument();
    expect(badge(0)).toHaveTextContent("2");
    expect(document.title).toBe("(2) Inbox · Badger");
  });

  it("conversation.read with scope all clears every badge, and later stale events stay ignored", () => {
    const inbox = renderInbox({ contacts });
    for (const contact of contacts) inbox.server.read(contact.id, "2026-03-02T12:30:00.000Z");
    act(() => inbox.realtime.emit(USER_CHANNEL, EVENTS.conversationRead, { contactId: null, scope: "all", lastReadAt: "2026-03-02T12:30:00.000Z", unreadCount: 0 }));
    expect(screen.queryAllByTestId(/^unread-badge-/)).toHaveLength(0);
    expect(document.title).toBe("Inbox · Badger");
    act(() => void inbox.deliver(newMessage(contacts[0].id, { createdAt: "2026-03-02T12:20:00.000Z" })));
    expect(badge(0)).not.toBeInTheDocument();
  });

  it("conversation.unread shows the badge again", () => {
    const inbox = renderInbox({ contacts });
    inbox.server.read(contacts[0].id, "2026-03-02T12:00:00.000Z");
    act(() => inbox.realtime.emit(USER_CHANNEL, EVENTS.conversationUnread, inbox.server.unread(contacts[0].id, "2026-03-02T11:00:00.000Z")));
    expect(badge(0)).toHaveTextContent("1");
  });
});

describe("resync", () => {
  it("refetches counts and unread contacts after a reconnect, picking up contacts not loaded yet", async () => {
    const unloaded = makeContacts(6, () => 3)[5];
    const inbox = renderInbox({ contacts });
    act(() => inbox.realtime.setState("connecting"));
    act(() => inbox.realtime.setState("connected"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inbox.server.callsTo("GET", /\/contacts$/)).toHaveLength(0); // the first connection is not a reconnect

    // Offline: messages arrive that this tab never hears about.
    act(() => inbox.realtime.setState("unavailable"));
    inbox.server.counts[contacts[1].id] = 4;
    inbox.server.counts[contacts[0].id] = 0;
    inbox.server.counts[unloaded.id] = 3;
    inbox.server.contacts.push(unloaded);

    act(() => inbox.realtime.setState("connecting"));
    act(() => inbox.realtime.setState("connected"));

    await waitFor(() => expect(badge(1)).toHaveTextContent("4"));
    expect(badge(0)).not.toBeInTheDocument();
    expect(await screen.findByTestId(`unread-badge-${unloaded.id}`)).toHaveTextContent("3");
    expect(inbox.server.callsTo("GET", /\/contacts$/).map((call) => call.query.get("filter"))).toEqual(["unread"]);
  });
});

