// @vitest-environment jsdom
// Mute in the inbox (issue 14, item 3): the grey badge keeps its exact count,
// no toast, out of the total and the title; listed last by the Unread filter;
// rolled back with a reason on failure; synced from the user channel.
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { EVENTS } from "@/lib/realtime/channels";
import { makeContacts } from "./support/fake-server";
import { newMessage, ORG_ID, renderInbox, USER_CHANNEL } from "./support/render-inbox";

const contacts = makeContacts(4, (index) => [2, 3, 0, 1][index]);
const badge = (index: number) => screen.queryByTestId(`unread-badge-${contacts[index].id}`);

async function muteFromRow(index: number) {
  await userEvent.click(screen.getByTestId(`contact-menu-${contacts[index].id}`));
  await userEvent.click(screen.getByTestId(`mute-${contacts[index].id}`));
}

describe("muting a conversation", () => {
  it("greys the badge, keeps its count and leaves it out of the total and the title", async () => {
    const inbox = renderInbox({ contacts });
    expect(document.title).toBe("(6) Inbox · Badger");
    await muteFromRow(1);
    expect(badge(1)).toHaveTextContent("3");
    expect(badge(1)).toHaveAttribute("data-muted", "true");
    expect(badge(1)).toHaveAccessibleName("3 unread messages, muted");
    // The row's own name is what a screen reader lists: it says muted too.
    expect(screen.getByRole("button", { name: `${contacts[1].name}, 3 unread messages, muted` })).toBeInTheDocument();
    expect(screen.getByTestId("unread-total")).toHaveTextContent("3 unread");
    expect(document.title).toBe("(3) Inbox · Badger");
    await waitFor(() => expect(inbox.server.callsTo("POST", /\/mute$/)).toHaveLength(1));
    expect(inbox.server.states.get(contacts[1].id)?.muted).toBe(true);

    await userEvent.click(screen.getByTestId(`contact-menu-${contacts[1].id}`));
    await userEvent.click(screen.getByTestId(`unmute-${contacts[1].id}`));
    expect(badge(1)).toHaveAttribute("data-muted", "false");
    expect(document.title).toBe("(6) Inbox · Badger");
    await waitFor(() => expect(inbox.server.callsTo("DELETE", /\/mute$/)).toHaveLength(1));
  });

  it("raises no toast for a muted conversation, and still counts the message", async () => {
    const inbox = renderInbox({ contacts });
    await muteFromRow(0);
    act(() => void inbox.deliver(newMessage(contacts[0].id)));
    await waitFor(() => expect(badge(0)).toHaveTextContent("3"));
    act(() => void inbox.deliver(newMessage(contacts[2].id)));
    await waitFor(() => expect(inbox.notifier.message).toHaveBeenCalledTimes(1));
    expect(inbox.notifier.message.mock.calls[0][0].contactId).toBe(contacts[2].id);
  });

  it("rolls back and says why when the server refuses", async () => {
    const inbox = renderInbox({ contacts });
    inbox.server.fail("POST /api/messaging/contacts/:id/mute", { status: 503, code: "service_unavailable", message: "Database unavailable." });
    await muteFromRow(3);
    await waitFor(() => expect(badge(3)).toHaveAttribute("data-muted", "false"));
    expect(inbox.notifier.error).toHaveBeenCalledWith("Couldn't mute Contact 4. The server had a problem; please try again.");
  });

  it("follows a mute made in another tab, and the Unread filter lists muted conversations last", async () => {
    const inbox = renderInbox({ contacts });
    inbox.server.states.get(contacts[0].id)!.muted = true; // the other tab's request, as the server stored it
    act(() => inbox.realtime.emit(USER_CHANNEL, EVENTS.conversationMuted, { contactId: contacts[0].id, organizationId: ORG_ID, muted: true, unreadCount: 2 }));
    expect(badge(0)).toHaveAttribute("data-muted", "true");
    await userEvent.click(screen.getByTestId("unread-filter"));
    const rows = within(screen.getByTestId("contact-list")).getAllByTestId(/^contact-row-/).map((row) => row.dataset.testid);
    expect(rows).toEqual([contacts[1], contacts[3], contacts[0]].map((contact) => `contact-row-${contact.id}`));
  });

  it("toggles from the conversation header", async () => {
    const inbox = renderInbox({ contacts });
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[2].id}`).querySelector("button")!);
    await userEvent.click(screen.getByTestId("thread-menu"));
    await userEvent.click(screen.getByTestId("thread-mute"));
    expect(screen.getByTestId("thread-muted")).toHaveTextContent("Muted");
    await waitFor(() => expect(inbox.server.callsTo("POST", /\/mute$/)).toHaveLength(1));
  });
});
