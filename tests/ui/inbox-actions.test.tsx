// @vitest-environment jsdom
// Mark all read, Mark as unread, the Unread filter, keyboard navigation
// between unread conversations, and the document title.
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { makeContacts } from "./support/fake-server";
import { renderInbox } from "./support/render-inbox";

const contacts = makeContacts(6, (index) => [0, 4, 0, 0, 1, 0][index]);
const badge = (index: number) => screen.queryByTestId(`unread-badge-${contacts[index].id}`);
const open = (index: number) => userEvent.click(screen.getByTestId(`contact-row-${contacts[index].id}`).querySelector("button")!);

describe("Mark all read", () => {
  it("clears every badge at once and tells the server", async () => {
    const inbox = renderInbox({ contacts });
    expect(document.title).toBe("(5) Inbox · Badger");
    await userEvent.click(screen.getByTestId("mark-all-read"));
    expect(screen.queryAllByTestId(/^unread-badge-/)).toHaveLength(0);
    expect(document.title).toBe("Inbox · Badger");
    await waitFor(() => expect(inbox.server.callsTo("POST", /read-all$/)).toHaveLength(1));
    expect(screen.getByTestId("mark-all-read")).toBeDisabled();
  });

  it("rolls back and explains when the server refuses", async () => {
    const inbox = renderInbox({ contacts });
    inbox.server.fail("POST /api/messaging/read-all", { status: 503, code: "service_unavailable", message: "Database unavailable." });
    await userEvent.click(screen.getByTestId("mark-all-read"));
    await waitFor(() => expect(badge(1)).toHaveTextContent("4"));
    expect(badge(4)).toHaveTextContent("1");
    expect(inbox.notifier.error).toHaveBeenCalledWith("Couldn't mark all conversations as read. The server had a problem; please try again.");
  });
});

describe("Mark as unread", () => {
  it("brings a badge back through the row menu", async () => {
    const inbox = renderInbox({ contacts });
    await userEvent.click(screen.getByTestId(`contact-menu-${contacts[2].id}`));
    await userEvent.click(screen.getByTestId(`mark-unread-${contacts[2].id}`));
    expect(badge(2)).toHaveTextContent("1");
    await waitFor(() => expect(inbox.server.callsTo("POST", /\/unread$/)).toHaveLength(1));
  });

  it("closes the open conversation so it is not read again at once", async () => {
    const inbox = renderInbox({ contacts });
    await open(1);
    await waitFor(() => expect(inbox.server.counts[contacts[1].id]).toBeUndefined());
    await userEvent.click(screen.getByTestId("thread-menu"));
    await userEvent.click(screen.getByTestId("thread-mark-unread"));
    expect(screen.getByTestId("conversation-empty")).toBeInTheDocument();
    await waitFor(() => expect(badge(1)).toHaveTextContent("1"));
    expect(window.location.pathname).toBe("/inbox");
  });

  it("reverts and shows the server's reason on 409", async () => {
    const inbox = renderInbox({ contacts });
    inbox.server.fail("POST /api/messaging/contacts/:id/unread", {
      status: 409,
      code: "conflict",
      message: "This conversation has no messages that could be marked unread.",
    });
    await userEvent.click(screen.getByTestId(`contact-menu-${contacts[3].id}`));
    await userEvent.click(screen.getByTestId(`mark-unread-${contacts[3].id}`));
    await waitFor(() => expect(badge(3)).not.toBeInTheDocument());
    expect(inbox.notifier.error).toHaveBeenCalledWith(
      "Couldn't mark the conversation as unread. This conversation has no messages that could be marked unread.",
    );
  });

  it("keeps the badge when the server marked it unread but the count refresh after it failed", async () => {
    const inbox = renderInbox({ contacts });
    inbox.server.fail("GET /api/messaging/unread-counts", { status: 503, code: "service_unavailable", message: "Try again." });
    await userEvent.click(screen.getByTestId(`contact-menu-${contacts[3].id}`));
    await userEvent.click(screen.getByTestId(`mark-unread-${contacts[3].id}`));
    await waitFor(() => expect(inbox.server.callsTo("POST", /\/unread$/)).toHaveLength(1));
    await waitFor(() => expect(inbox.server.callsTo("GET", /\/unread-counts/).length).toBeGreaterThan(0));
    // The mark-unread happened: no rollback, no "couldn't" toast.
    expect(badge(3)).toHaveTextContent("1");
    expect(inbox.notifier.error).not.toHaveBeenCalled();
  });
});

describe("Unread filter", () => {
  it("lists only conversations with a badge, and keeps the open one while it is read", async () => {
    renderInbox({ contacts });
    await userEvent.click(screen.getByTestId("unread-filter"));
    const list = screen.getByTestId("contact-list");
    expect(within(list).getAllByTestId(/^contact-row-/).map((row) => row.dataset.testid)).toEqual([
      `contact-row-${contacts[1].id}`,
      `contact-row-${contacts[4].id}`,
    ]);
    await open(1);
    expect(within(list).getAllByTestId(/^contact-row-/)).toHaveLength(2);
    await open(4);
    expect(within(list).getAllByTestId(/^contact-row-/).map((row) => row.dataset.testid)).toEqual([`contact-row-${contacts[4].id}`]);
    await userEvent.click(screen.getByTestId("all-filter"));
    expect(within(list).getAllByTestId(/^contact-row-/)).toHaveLength(6);
  });

  it("says so when everything is read", async () => {
    renderInbox({ contacts: makeContacts(3) });
    await userEvent.click(screen.getByTestId("unread-filter"));
    expect(screen.getByText("You're all caught up")).toBeInTheDocument();
  });
});

describe("keyboard", () => {
  it("Alt+ArrowDown and Alt+ArrowUp move between conversations with unread messages", async () => {
    renderInbox({ contacts });
    act(() => {
      fireEvent.keyDown(window, { key: "ArrowDown", altKey: true });
    });
    expect(screen.getByTestId(`contact-row-${contacts[1].id}`)).toHaveAttribute("data-active", "true");
    act(() => {
      fireEvent.keyDown(window, { key: "ArrowDown", altKey: true });
    });
    expect(screen.getByTestId(`contact-row-${contacts[4].id}`)).toHaveAttribute("data-active", "true");
    // Both read now: nothing left to jump to.
    act(() => {
      fireEvent.keyDown(window, { key: "ArrowUp", altKey: true });
    });
    expect(screen.getByTestId(`contact-row-${contacts[4].id}`)).toHaveAttribute("data-active", "true");
  });

  it("Alt+ArrowUp goes backwards, wrapping around", async () => {
    renderInbox({ contacts });
    act(() => {
      fireEvent.keyDown(window, { key: "ArrowUp", altKey: true });
    });
    expect(screen.getByTestId(`contact-row-${contacts[4].id}`)).toHaveAttribute("data-active", "true");
  });
});

describe("history", () => {
  it("Back reopens the previous conversation", async () => {
    renderInbox({ contacts });
    await open(0);
    await open(2);
    act(() => {
      window.history.back();
    });
    await waitFor(() => expect(screen.getByTestId(`contact-row-${contacts[0].id}`)).toHaveAttribute("data-active", "true"));
  });
});
