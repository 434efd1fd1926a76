// @vitest-environment jsdom
// Messages arriving in the open conversation are read silently, with at most
// one mark-read per contact per 5 s (trailing edge) carrying the newest one;
// pending reads are flushed on contact switch, tab hide and page hide; a
// hidden tab does not read at all until it is visible again.
import { act, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { makeContacts } from "./support/fake-server";
import { newMessage, renderInbox } from "./support/render-inbox";

const contacts = makeContacts(3, (index) => [0, 2, 0][index]);
const [viewed, other] = contacts;

let visibility: DocumentVisibilityState = "visible";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  visibility = "visible";
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => visibility });
});

afterEach(() => {
  vi.useRealTimers();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

function setVisibility(next: DocumentVisibilityState) {
  visibility = next;
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

async function openViewed() {
  const inbox = renderInbox({ contacts });
  fireEvent.click(screen.getByTestId(`contact-row-${viewed.id}`).querySelector("button")!);
  await advance(0);
  return inbox;
}

const reads = (inbox: Awaited<ReturnType<typeof openViewed>>, contactId = viewed.id) =>
  inbox.server.callsTo("POST", new RegExp(`/contacts/${contactId}/read$`));

describe("reading the open conversation", () => {
  it("reads a burst silently with one call after 5 s, carrying the newest message", async () => {
    const inbox = await openViewed();
    const burst = Array.from({ length: 6 }, () => newMessage(viewed.id, { contactName: viewed.name }));
    for (const event of burst) {
      act(() => void inbox.deliver(event));
      await advance(500);
    }
    expect(screen.queryByTestId(`unread-badge-${viewed.id}`)).not.toBeInTheDocument();
    expect(inbox.notifier.message).not.toHaveBeenCalled();
    expect(reads(inbox)).toHaveLength(0);

    await advance(2_000); // 5 s after the first message of the burst
    expect(reads(inbox)).toHaveLength(1);
    expect(reads(inbox)[0].body).toEqual({ upToMessageId: burst.at(-1)!.id });
    expect(document.title).toBe("(2) Inbox · Badger"); // only the other contact

    await advance(20_000);
    expect(reads(inbox)).toHaveLength(1);
  });

  it("never sends two reads for one contact within 5 s", async () => {
    const inbox = await openViewed();
    for (let second = 0; second < 12; second += 1) {
      act(() => void inbox.deliver(newMessage(viewed.id)));
      await advance(1_000);
    }
    expect(reads(inbox).length).toBeGreaterThanOrEqual(2);
    expect(reads(inbox).length).toBeLessThanOrEqual(3);
  });

  it("flushes the pending read at once when switching to another contact", async () => {
    const inbox = await openViewed();
    const event = newMessage(viewed.id);
    act(() => void inbox.deliver(event));
    await advance(1_000);
    expect(reads(inbox)).toHaveLength(0);

    fireEvent.click(screen.getByTestId(`contact-row-${other.id}`).querySelector("button")!);
    await advance(0);
    expect(reads(inbox)).toHaveLength(1);
    expect(reads(inbox)[0].body).toEqual({ upToMessageId: event.id });
    expect(reads(inbox, other.id)).toHaveLength(1); // the newly opened one, optimistic

    await advance(10_000);
    expect(reads(inbox)).toHaveLength(1);
  });

  it("flushes with keepalive when the tab is hidden", async () => {
    const inbox = await openViewed();
    const event = newMessage(viewed.id);
    act(() => void inbox.deliver(event));
    await advance(1_000);
    setVisibility("hidden");
    await advance(0);
    expect(reads(inbox)).toHaveLength(1);
    expect(reads(inbox)[0]).toMatchObject({ body: { upToMessageId: event.id }, keepalive: true });
  });

  it("flushes with keepalive when the page is closed", async () => {
    const inbox = await openViewed();
    act(() => void inbox.deliver(newMessage(viewed.id)));
    act(() => {
      window.dispatchEvent(new Event("pagehide"));
    });
    await advance(0);
    expect(reads(inbox)).toHaveLength(1);
    expect(reads(inbox)[0].keepalive).toBe(true);
  });

  it("does not read while the tab is hidden; counts instead, and reads once visible again", async () => {
    const inbox = await openViewed();
    setVisibility("hidden");
    const event = newMessage(viewed.id, { contactName: viewed.name });
    act(() => void inbox.deliver(event));
    await advance(30_000);
    expect(reads(inbox)).toHaveLength(0);
    expect(document.title).toBe("(3) Inbox · Badger"); // counted while nobody looks
    expect(inbox.notifier.message).not.toHaveBeenCalled();
    // Still the open conversation: its row never shows a badge.
    expect(screen.queryByTestId(`unread-badge-${viewed.id}`)).not.toBeInTheDocument();

    setVisibility("visible");
    expect(document.title).toBe("(2) Inbox · Badger");
    await advance(5_000);
    expect(reads(inbox)).toHaveLength(1);
    expect(reads(inbox)[0].body).toEqual({ upToMessageId: event.id });
  });

  it("retries a throttled debounced read after Retry-After", async () => {
    const inbox = await openViewed();
    inbox.server.fail("POST /api/messaging/contacts/:id/read", { status: 429, code: "rate_limited", message: "Slow down.", retryAfter: 3 });
    const event = newMessage(viewed.id);
    act(() => void inbox.deliver(event));
    await advance(5_000);
    expect(reads(inbox)).toHaveLength(1);
    await advance(2_900);
    expect(reads(inbox)).toHaveLength(1);
    await advance(200);
    expect(reads(inbox)).toHaveLength(2);
    expect(reads(inbox)[1].body).toEqual({ upToMessageId: event.id });
  });
});
