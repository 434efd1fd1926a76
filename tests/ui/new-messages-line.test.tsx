// @vitest-environment jsdom
// The "New messages" line (issue 14, item 1): placed from the read position
// at open time, loaded back to when above the first page, fixed while the
// conversation stays open, gone on Esc or leaving, back after mark-unread.
import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { locateNewLine } from "@/lib/inbox/new-line";
import type { MessageDto } from "@/lib/messaging/message-dto";
import { makeContacts, uuidFor } from "./support/fake-server";
import { newMessage, renderInbox } from "./support/render-inbox";

const READ_AT = Date.parse("2026-03-02T11:00:00Z");

/** `count` messages a minute apart from `start`; every third is ours, the rest the contact's. */
function history(contactId: string, count: number, start: number): MessageDto[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuidFor(index + 100, "m"),
    contactId,
    direction: index % 3 === 0 ? "outbound" : "inbound",
    kind: "chat",
    body: `Message number ${index + 1}`,
    preview: `Message number ${index + 1}`,
    authorName: index % 3 === 0 ? "Bob Baker" : null,
    createdAt: new Date(start + index * 60_000).toISOString(),
  }));
}

const unreadIn = (messages: MessageDto[]) =>
  messages.filter((message) => message.direction === "inbound" && Date.parse(message.createdAt) > READ_AT).length;

function setup(count: number, start: number) {
  const base = makeContacts(2);
  const messages = history(base[0].id, count, start);
  const unread = unreadIn(messages);
  const contacts = makeContacts(2, (index) => (index === 0 ? unread : 0));
  const inbox = renderInbox({ contacts, messages: { [contacts[0].id]: messages } });
  return { inbox, contact: contacts[0], other: contacts[1], messages, unread };
}

const open = (id: string) => userEvent.click(screen.getByTestId(`contact-row-${id}`).querySelector("button")!);
const line = () => screen.queryByTestId("new-messages-line");
/** The message right after the line in the thread. */
const afterLine = () => line()?.nextElementSibling?.getAttribute("data-testid");

describe("the New messages line", () => {
  it("sits above the first message unread at open time and does not move while the conversation stays open", async () => {
    const { inbox, contact, messages, unread } = setup(40, READ_AT - 30 * 60_000);
    await open(contact.id);
    await waitFor(() => expect(line()).toBeInTheDocument());
    const firstUnread = messages.find((message) => message.direction === "inbound" && Date.parse(message.createdAt) > READ_AT)!;
    expect(afterLine()).toBe(`message-${firstUnread.id}`);
    expect(line()).toHaveAccessibleName(`${unread} new messages`);
    // Read at once all the same (optimistic), and a message arriving now is read silently.
    expect(screen.getByTestId(`contact-row-${contact.id}`)).toHaveAttribute("data-unread-count", "0");
    act(() => void inbox.deliver({ ...newMessage(contact.id), createdAt: new Date(READ_AT + 3_600_000).toISOString() }));
    await waitFor(() => expect(inbox.server.callsTo("GET", /\/messages$/).length).toBeGreaterThanOrEqual(2));
    expect(screen.getByTestId(`contact-row-${contact.id}`)).toHaveAttribute("data-unread-count", "0");
    expect(afterLine()).toBe(`message-${firstUnread.id}`);
    expect(line()).toHaveAccessibleName(`${unread} new messages`);
  });

  it("loads back to the first unread message when it is above the first page", async () => {
    const { inbox, contact, messages } = setup(70, READ_AT - 10 * 60_000 + 30_000);
    await open(contact.id);
    await waitFor(() => expect(line()).toBeInTheDocument());
    expect(afterLine()).toBe(`message-${messages[10].id}`);
    expect(inbox.server.callsTo("GET", /\/messages$/).filter((call) => call.query.get("before")).length).toBeGreaterThanOrEqual(1);
  });

  it("goes away with Esc and when the member leaves, and comes back after mark-unread", async () => {
    const { contact, other } = setup(40, READ_AT - 30 * 60_000);
    await open(contact.id);
    await waitFor(() => expect(line()).toBeInTheDocument());
    await userEvent.keyboard("{Escape}");
    expect(line()).not.toBeInTheDocument();

    await open(other.id);
    await open(contact.id);
    await screen.findByTestId("thread");
    expect(line()).not.toBeInTheDocument(); // read now: nothing new

    await userEvent.click(screen.getByTestId("thread-menu"));
    await userEvent.click(screen.getByTestId("thread-mark-unread"));
    await waitFor(() => expect(screen.getByTestId(`contact-row-${contact.id}`)).toHaveAttribute("data-unread-count", "1"));
    await open(contact.id);
    await waitFor(() => expect(line()).toHaveAccessibleName("1 new message"));
  });
});

describe("locateNewLine", () => {
  const messages = history("c", 6, READ_AT - 3 * 60_000 + 1);
  it("finds the first counted message after the read position", () => {
    expect(locateNewLine({ after: READ_AT, count: 2 }, messages, true)).toEqual({ index: 4, complete: true });
  });
  it("asks for older pages until the unread ones are all in, or the read position is reached", () => {
    expect(locateNewLine({ after: null, count: 9 }, messages, true)).toEqual({ index: 1, complete: false });
    expect(locateNewLine({ after: null, count: 9 }, messages, false)).toEqual({ index: 1, complete: true });
    // The oldest loaded message is already read: nothing older can be unread.
    expect(locateNewLine({ after: READ_AT - 2 * 60_000, count: 9 }, messages, true).complete).toBe(true);
  });
});
