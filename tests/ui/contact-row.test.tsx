// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ContactRow } from "@/components/inbox/contact-row";
import { BADGE_CLASSES } from "@/components/inbox/unread-badge";
import { ClockContext } from "@/lib/inbox/clock";
import { makeContacts } from "./support/fake-server";

const [contact] = makeContacts(1);

function renderRow(unreadCount: number, active = false) {
  return render(
    <ClockContext.Provider value={{ now: Date.parse("2026-03-02T12:05:00Z"), timeZone: "UTC" }}>
      <ContactRow contact={contact} unreadCount={unreadCount} active={active} onOpen={vi.fn()} onMarkRead={vi.fn()} onMarkUnread={vi.fn()} />
    </ClockContext.Provider>,
  );
}

describe("ContactRow badge", () => {
  it("shows the count in a red pill with exactly the specified classes", () => {
    renderRow(3);
    const badge = screen.getByTestId(`unread-badge-${contact.id}`);
    expect(badge).toHaveTextContent("3");
    expect(badge.className).toBe(BADGE_CLASSES);
    expect(BADGE_CLASSES).toBe(
      "bg-red-600 text-white text-[10px] font-semibold rounded-full min-w-[18px] h-[18px] flex items-center justify-center px-1 shrink-0",
    );
    expect(screen.getByLabelText("3 unread messages")).toBe(badge);
  });

  it("sits next to the name", () => {
    renderRow(2);
    const badge = screen.getByTestId(`unread-badge-${contact.id}`);
    expect(badge.previousElementSibling).toHaveTextContent(contact.name);
  });

  it("uses the singular for one message", () => {
    renderRow(1);
    expect(screen.getByLabelText("1 unread message")).toHaveTextContent("1");
  });

  it("shows 99 as 99 and anything above as 99+", () => {
    const { rerender } = renderRow(99);
    expect(screen.getByTestId(`unread-badge-${contact.id}`)).toHaveTextContent(/^99$/);
    rerender(
      <ClockContext.Provider value={{ now: Date.parse("2026-03-02T12:05:00Z"), timeZone: "UTC" }}>
        <ContactRow contact={contact} unreadCount={1234} active={false} onOpen={vi.fn()} onMarkRead={vi.fn()} onMarkUnread={vi.fn()} />
      </ClockContext.Provider>,
    );
    const badge = screen.getByTestId(`unread-badge-${contact.id}`);
    expect(badge).toHaveTextContent(/^99\+$/);
    expect(badge).toHaveAccessibleName("1234 unread messages");
  });

  it("renders no badge at zero", () => {
    renderRow(0);
    expect(screen.queryByTestId(`unread-badge-${contact.id}`)).not.toBeInTheDocument();
  });

  it("suppresses the badge of the active contact whatever its count", () => {
    renderRow(7, true);
    expect(screen.queryByTestId(`unread-badge-${contact.id}`)).not.toBeInTheDocument();
    const row = screen.getByTestId(`contact-row-${contact.id}`);
    expect(row).toHaveAttribute("data-active", "true");
    expect(row).toHaveAttribute("data-unread-count", "0");
  });

  it("shows the last message preview and a relative time", () => {
    renderRow(0);
    expect(screen.getByText(contact.lastMessage!.preview)).toBeInTheDocument();
    expect(screen.getByText("5m")).toBeInTheDocument();
  });
});
