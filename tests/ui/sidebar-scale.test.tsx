// @vitest-environment jsdom
// 1,000 contacts: the list is windowed, and a badge change re-renders that
// row only (renders of the real ContactRow counted through React's developer
// tools hook: ./support/render-counter.ts, imported before react-dom).
import { countRenders } from "./support/render-counter";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ContactRow } from "@/components/inbox/contact-row";
import { ContactSidebar } from "@/components/inbox/contact-sidebar";
import { InboxShell } from "@/components/inbox/inbox-shell";
import { EVENTS } from "@/lib/realtime/channels";
import { makeContacts } from "./support/fake-server";
import { USER_CHANNEL, newMessage, renderInbox } from "./support/render-inbox";

let stopCounting: (() => void) | null = null;
afterEach(() => {
  stopCounting?.();
  stopCounting = null;
});

function countRowRenders() {
  const rendered: string[] = [];
  stopCounting = countRenders(ContactRow, (props) => rendered.push(props.contact.id));
  return rendered;
}

const contacts = makeContacts(1000, (index) => (index % 7 === 0 ? 2 : 0));

describe("sidebar at 1,000 contacts", () => {
  it("renders only a window of rows, with badges from the first paint", () => {
    renderInbox({ contacts });
    const list = screen.getByTestId("contact-list");
    expect(list).toHaveAttribute("data-windowed", "true");
    const rows = within(list).getAllByTestId(/^contact-row-/);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(screen.getByTestId(`unread-badge-${contacts[0].id}`)).toHaveTextContent("2");
  });

  it("re-renders one row when one badge changes", () => {
    const { realtime } = renderInbox({ contacts });
    const rendered = countRowRenders();
    // Another tab marked contact 8 unread (one of its two messages): only its badge changes.
    act(() =>
      realtime.emit(USER_CHANNEL, EVENTS.conversationUnread, {
        contactId: contacts[7].id,
        lastReadAt: "2026-03-02T10:00:00.000Z",
        unreadCount: 1,
        readThrough: 1,
        countedTotal: 2,
        countedVersion: 2,
      }),
    );
    expect(rendered).toEqual([contacts[7].id]);
    expect(screen.getByTestId(`unread-badge-${contacts[7].id}`)).toHaveTextContent("1");
  });

  it("a badge change that moves the total re-renders neither the shell nor the sidebar", () => {
    const { realtime } = renderInbox({ contacts });
    const rendered: string[] = [];
    const stops = [countRenders(InboxShell, () => rendered.push("InboxShell")), countRenders(ContactSidebar, () => rendered.push("ContactSidebar"))];
    act(() =>
      realtime.emit(USER_CHANNEL, EVENTS.conversationUnread, {
        contactId: contacts[7].id,
        lastReadAt: "2026-03-02T10:00:00.000Z",
        unreadCount: 1,
        readThrough: 1,
        countedTotal: 2,
        countedVersion: 2,
      }),
    );
    stops.forEach((stop) => stop());
    expect(screen.getByTestId(`unread-badge-${contacts[7].id}`)).toHaveTextContent("1");
    expect(rendered).toEqual([]);
  });

  it("re-renders the affected row only for a realtime message on a visible contact", () => {
    const { deliver } = renderInbox({ contacts });
    const rendered = countRowRenders();
    // Contact 1 is already first: its last message changes, the order does not.
    act(() => void deliver(newMessage(contacts[0].id, { contactName: contacts[0].name })));
    expect(new Set(rendered)).toEqual(new Set([contacts[0].id]));
    expect(screen.getByTestId(`unread-badge-${contacts[0].id}`)).toHaveTextContent("3");
  });

  it("renders further rows when scrolled", () => {
    renderInbox({ contacts });
    const list = screen.getByTestId("contact-list");
    expect(screen.queryByTestId(`contact-row-${contacts[500].id}`)).not.toBeInTheDocument();
    list.scrollTop = 500 * 72;
    fireEvent.scroll(list);
    expect(screen.getByTestId(`contact-row-${contacts[500].id}`)).toBeInTheDocument();
    expect(screen.queryByTestId(`contact-row-${contacts[0].id}`)).not.toBeInTheDocument();
  });

  it("renders every row when the list is short", () => {
    renderInbox({ contacts: contacts.slice(0, 40) });
    expect(screen.getByTestId("contact-list")).toHaveAttribute("data-windowed", "false");
    expect(screen.getAllByTestId(/^contact-row-/)).toHaveLength(40);
  });
});

