// @vitest-environment jsdom
// The open conversation: oldest at the top, older pages on demand, replies
// with pending and failed states, and a server-rendered deep link.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { MessageDto } from "@/lib/messaging/message-dto";
import { makeContacts, uuidFor } from "./support/fake-server";
import { renderInbox } from "./support/render-inbox";

const contacts = makeContacts(2, (index) => [2, 0][index]);
const contact = contacts[0];

function history(count: number): MessageDto[] {
  return Array.from({ length: count }, (_, index) => ({
    id: uuidFor(index + 100, "m"),
    contactId: contact.id,
    direction: index % 3 === 0 ? "outbound" : "inbound",
    kind: index === 5 ? "system" : index === 7 ? "task" : "chat",
    body: `Message number ${index + 1}`,
    preview: `Message number ${index + 1}`,
    authorName: index % 3 === 0 ? "Bob Baker" : null,
    createdAt: new Date(Date.parse("2026-03-01T08:00:00Z") + index * 60_000).toISOString(),
  }));
}

const openContact = () => userEvent.click(screen.getByTestId(`contact-row-${contact.id}`).querySelector("button")!);

describe("conversation thread", () => {
  it("shows the newest page oldest-first, with system messages and kind labels", async () => {
    renderInbox({ contacts, messages: { [contact.id]: history(10) } });
    await openContact();
    const thread = await screen.findByTestId("thread");
    await waitFor(() => expect(within(thread).getAllByTestId(/^message-/)).toHaveLength(10));
    const bodies = within(thread).getAllByTestId(/^message-/).map((element) => element.textContent);
    expect(bodies[0]).toContain("Message number 1");
    expect(bodies[9]).toContain("Message number 10");
    expect(within(thread).getByTestId(`message-${uuidFor(105, "m")}`)).toHaveAttribute("data-kind", "system");
    expect(within(thread).getByText("Task")).toBeInTheDocument();
    expect(within(thread).getByTestId(`message-${uuidFor(100, "m")}`)).toHaveAttribute("data-direction", "outbound");
  });

  it("loads older pages with the before cursor", async () => {
    const inbox = renderInbox({ contacts, messages: { [contact.id]: history(45) } });
    await openContact();
    const thread = await screen.findByTestId("thread");
    await waitFor(() => expect(within(thread).getAllByTestId(/^message-/)).toHaveLength(30));
    await userEvent.click(within(thread).getByRole("button", { name: "Load older messages" }));
    await waitFor(() => expect(within(thread).getAllByTestId(/^message-/)).toHaveLength(45));
    expect(inbox.server.callsTo("GET", /\/messages$/).some((call) => call.query.get("before") === "30")).toBe(true);
    expect(within(thread).getAllByTestId(/^message-/)[0]).toHaveTextContent("Message number 1");
    expect(within(thread).getByText(/start of your conversation/)).toBeInTheDocument();
  });

  it("sends with Enter, keeps Shift+Enter as a new line, and shows the pending state", async () => {
    const inbox = renderInbox({ contacts, messages: { [contact.id]: history(2) } });
    await openContact();
    const input = await screen.findByTestId("composer-input");
    await userEvent.type(input, "First line{Shift>}{Enter}{/Shift}second line");
    expect(input).toHaveValue("First line\nsecond line");
    const release = inbox.server.hold("POST /api/messaging/contacts/:id/messages");
    await userEvent.type(input, "{Enter}");
    expect(input).toHaveValue("");
    expect(screen.getByText("Sending…")).toBeInTheDocument();
    expect(screen.getAllByTestId(/^message-/).at(-1)).toHaveAttribute("data-status", "sending");
    release();
    await waitFor(() => expect(screen.queryByText("Sending…")).not.toBeInTheDocument());
    const [call] = inbox.server.callsTo("POST", /\/messages$/);
    expect(call.body).toEqual({ body: "First line\nsecond line" });
    const sent = screen.getAllByTestId(/^message-/).at(-1)!;
    expect(sent).toHaveAttribute("data-status", "sent");
    expect(sent).toHaveTextContent("First line");
    // The sidebar shows our reply as the last message.
    expect(within(screen.getByTestId(`contact-row-${contact.id}`)).getByText(/You: First line/)).toBeInTheDocument();
  });

  it("marks a reply that failed and lets the user retry it", async () => {
    const inbox = renderInbox({ contacts, messages: { [contact.id]: [] } });
    inbox.server.fail("POST /api/messaging/contacts/:id/messages", { status: 503, code: "service_unavailable", message: "Down." });
    await openContact();
    await userEvent.type(await screen.findByTestId("composer-input"), "Hello there{Enter}");
    await waitFor(() => expect(screen.getAllByTestId(/^message-/).at(-1)).toHaveAttribute("data-status", "failed"));
    expect(screen.getByRole("alert")).toHaveTextContent("Not sent.");
    await userEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(screen.getAllByTestId(/^message-/).at(-1)).toHaveAttribute("data-status", "sent"));
    expect(inbox.server.callsTo("POST", /\/messages$/)).toHaveLength(2);
  });

  it("renders a deep-linked conversation from the server's first page, with no badge for it", () => {
    const page = { messages: history(3).reverse(), nextCursor: null };
    renderInbox({ contacts, initialThread: { contact: { id: contact.id, name: contact.name }, page } });
    expect(screen.getByTestId("thread")).toBeInTheDocument();
    expect(screen.getAllByTestId(/^message-/)).toHaveLength(3);
    expect(screen.queryByTestId(`unread-badge-${contact.id}`)).not.toBeInTheDocument();
    expect(document.title).toBe("Inbox · Badger");
  });

  it("marks a deep-linked conversation read on the server, not only on screen", async () => {
    const page = { messages: history(3).reverse(), nextCursor: null };
    const inbox = renderInbox({ contacts, initialThread: { contact: { id: contact.id, name: contact.name }, page } });
    await waitFor(() => expect(inbox.server.callsTo("POST", new RegExp(`/contacts/${contact.id}/read$`))).toHaveLength(1));
    expect(inbox.server.counts[contact.id]).toBeUndefined();
  });

  it("a message deleted while the newest page is loading stays deleted when that page arrives", async () => {
    const page = { messages: history(3).reverse(), nextCursor: null };
    // The server's page, read before the delete: it still lists the message,
    // and one newer message that shows when the page has been merged.
    let release = () => {};
    const inbox = renderInbox({
      contacts,
      messages: { [contact.id]: history(4) },
      initialThread: { contact: { id: contact.id, name: contact.name }, page },
      // The refresh every opened conversation makes is still on its way.
      prepare: (server) => (release = server.hold("GET /api/messaging/contacts/:id/messages")),
    });
    const doomed = history(3)[2];
    await userEvent.click(screen.getByTestId(`delete-${doomed.id}`));
    await userEvent.click(screen.getByTestId(`delete-${doomed.id}`));
    await waitFor(() => expect(inbox.server.callsTo("DELETE", /\/messages\//)).toHaveLength(1));
    expect(screen.queryByTestId(`message-${doomed.id}`)).not.toBeInTheDocument();
    release();
    await screen.findByTestId(`message-${history(4)[3].id}`);
    expect(screen.queryByTestId(`message-${doomed.id}`)).not.toBeInTheDocument();
    expect(screen.getAllByTestId(/^message-/)).toHaveLength(3);
  });

  it("shows an empty state for a conversation without messages", async () => {
    renderInbox({ contacts, messages: {} });
    await openContact();
    expect(await screen.findByTestId("thread-empty")).toHaveTextContent(`Say hello to ${contact.name}`);
  });
});
