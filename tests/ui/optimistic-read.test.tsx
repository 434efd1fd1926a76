// @vitest-environment jsdom
// Opening a conversation: the badge goes at once, mark-read goes in the
// background with the newest shown message as cursor, and a failure restores
// the server's count with a human error toast.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { makeContacts } from "./support/fake-server";
import { renderInbox } from "./support/render-inbox";

const contacts = makeContacts(5, (index) => [3, 0, 120, 1, 0][index]);

describe("opening a conversation", () => {
  it("removes the badge immediately and marks read up to the newest shown message", async () => {
    const { server } = renderInbox({ contacts });
    const target = contacts[0];
    expect(screen.getByTestId(`unread-badge-${target.id}`)).toHaveTextContent("3");
    expect(document.title).toBe("(124) Inbox · Badger");

    await userEvent.click(screen.getByTestId(`contact-row-${target.id}`).querySelector("button")!);

    expect(screen.queryByTestId(`unread-badge-${target.id}`)).not.toBeInTheDocument();
    expect(screen.getByTestId(`contact-row-${target.id}`)).toHaveAttribute("data-active", "true");
    expect(window.location.pathname).toBe(`/inbox/${target.id}`);
    await waitFor(() => expect(server.callsTo("POST", /\/read$/)).toHaveLength(1));
    const [call] = server.callsTo("POST", /\/read$/);
    expect(call.path).toBe(`/api/messaging/contacts/${target.id}/read`);
    expect(call.body).toEqual({ upToMessageId: target.lastMessage!.id });
    expect(document.title).toBe("(121) Inbox · Badger");
  });

  it("keeps the badge gone after switching away (the server has it read)", async () => {
    const { server } = renderInbox({ contacts });
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[2].id}`).querySelector("button")!);
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[1].id}`).querySelector("button")!);
    await waitFor(() => expect(server.counts[contacts[2].id]).toBeUndefined());
    expect(screen.queryByTestId(`unread-badge-${contacts[2].id}`)).not.toBeInTheDocument();
  });

  it("does not call mark-read for a conversation without unread messages", async () => {
    const { server } = renderInbox({ contacts });
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[1].id}`).querySelector("button")!);
    await waitFor(() => expect(server.callsTo("GET", /\/messages$/)).toHaveLength(1));
    expect(server.callsTo("POST", /\/read$/)).toHaveLength(0);
  });

  it("restores the server's count and shows a human error when mark-read fails", async () => {
    const { server, notifier } = renderInbox({ contacts });
    const target = contacts[3];
    server.fail("POST /api/messaging/contacts/:id/read", {
      status: 403,
      code: "forbidden",
      message: "Your role does not allow this action.",
    });

    await userEvent.click(screen.getByTestId(`contact-row-${target.id}`).querySelector("button")!);
    expect(screen.queryByTestId(`unread-badge-${target.id}`)).not.toBeInTheDocument();

    await waitFor(() => expect(notifier.error).toHaveBeenCalledTimes(1));
    expect(notifier.error).toHaveBeenCalledWith("Couldn't mark Contact 4 as read. Your role does not allow this action.");
    // Restored from the server (unread-counts), not from a local guess.
    await waitFor(() =>
      expect(server.callsTo("GET", /unread-counts$/).some((call) => call.query.get("contact_ids") === target.id)).toBe(true),
    );
    // It is still open (badge suppressed) but the total counts it again; switching away shows it.
    await waitFor(() => expect(document.title).toBe("(124) Inbox · Badger"));
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[1].id}`).querySelector("button")!);
    expect(screen.getByTestId(`unread-badge-${target.id}`)).toHaveTextContent("1");
  });

  it("never shows raw error text for a server failure", async () => {
    const { server, notifier } = renderInbox({ contacts });
    server.fail("POST /api/messaging/contacts/:id/read", { status: 500, code: "internal_error", message: "TypeError: at line 3" });
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[0].id}`).querySelector("button")!);
    await waitFor(() => expect(notifier.error).toHaveBeenCalled());
    expect(notifier.error.mock.calls[0][0]).toBe("Couldn't mark Contact 1 as read. The server had a problem; please try again.");
  });

  it("retries a throttled (429) mark-read after Retry-After instead of failing", async () => {
    const { server, notifier } = renderInbox({ contacts });
    server.fail("POST /api/messaging/contacts/:id/read", {
      status: 429,
      code: "rate_limited",
      message: "Too many mark-read requests.",
      retryAfter: 1,
    });
    await userEvent.click(screen.getByTestId(`contact-row-${contacts[0].id}`).querySelector("button")!);
    await waitFor(() => expect(server.callsTo("POST", /\/read$/)).toHaveLength(2), { timeout: 3000 });
    expect(notifier.error).not.toHaveBeenCalled();
    expect(server.counts[contacts[0].id]).toBeUndefined();
    expect(screen.queryByTestId(`unread-badge-${contacts[0].id}`)).not.toBeInTheDocument();
  });
});
