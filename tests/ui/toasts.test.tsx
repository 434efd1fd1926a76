// @vitest-environment jsdom
// The production notifier with the real sonner <Toaster>: blue info toast,
// title = contact name, preview cut to 80 characters, click opens.
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Toaster } from "sonner";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BadgerApiError } from "@/lib/client/badger-api";
import { createSonnerNotifier, describeError, installToastClickOpen, type Notifier } from "@/lib/inbox/notify";

const contactId = "00000000-0000-4000-8000-c00000000001";
let uninstall: (() => void) | null = null;
// A fresh notifier per test: each has its own burst (four quick messages make a summary).
let sonnerNotifier: Notifier;
beforeEach(() => {
  sonnerNotifier = createSonnerNotifier();
});

beforeAll(() => {
  // sonner captures the pointer for swipe-to-dismiss; jsdom has no pointer capture.
  Element.prototype.setPointerCapture ??= () => {};
  Element.prototype.releasePointerCapture ??= () => {};
  Element.prototype.hasPointerCapture ??= () => false;
});

afterEach(() => {
  uninstall?.();
  uninstall = null;
});

describe("message toasts", () => {
  it("shows an info toast with the name and at most 80 characters of preview", async () => {
    render(<Toaster richColors />);
    const long = "A".repeat(79) + "🙂 and more";
    act(() => sonnerNotifier.message({ contactId, contactName: "Grace Kim", preview: long, onOpen: vi.fn() }));
    const toast = await screen.findByTestId(`message-toast-${contactId}`);
    expect(toast).toHaveAttribute("data-type", "info");
    expect(toast).toHaveTextContent("Grace Kim");
    const description = toast.querySelector("[data-description]")!;
    expect(description.textContent!.length).toBeLessThanOrEqual(80);
    expect(description.textContent).toBe("A".repeat(79)); // never half an emoji
  });

  it("opens the conversation when the toast body is clicked, and dismisses it", async () => {
    render(<Toaster richColors />);
    const open = vi.fn();
    uninstall = installToastClickOpen(open);
    act(() => sonnerNotifier.message({ contactId, contactName: "Grace Kim", preview: "Hello", onOpen: vi.fn() }));
    await userEvent.click(await screen.findByText("Hello"));
    expect(open).toHaveBeenCalledWith(contactId);
    await waitFor(() => expect(screen.queryByText("Hello")).not.toBeInTheDocument());
  });

  it("opens the conversation from the Open action", async () => {
    render(<Toaster richColors />);
    const onOpen = vi.fn();
    act(() => sonnerNotifier.message({ contactId: "00000000-0000-4000-8000-c00000000002", contactName: "Kenji", preview: "Hi", onOpen }));
    await userEvent.click(await screen.findByRole("button", { name: "Open" }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
  });

  it("is dismissed when its conversation is opened some other way", async () => {
    render(<Toaster richColors />);
    const id = "00000000-0000-4000-8000-c00000000003";
    act(() => sonnerNotifier.message({ contactId: id, contactName: "Priya", preview: "Ping", onOpen: vi.fn() }));
    await screen.findByText("Ping");
    act(() => sonnerNotifier.dismiss(id));
    await waitFor(() => expect(screen.queryByText("Ping")).not.toBeInTheDocument());
  });
});

describe("a burst of messages", () => {
  it("shows three toasts, then one summary in their place", async () => {
    render(<Toaster richColors visibleToasts={3} />);
    const ids = [4, 5, 6, 4, 7].map((n) => `00000000-0000-4000-8000-c0000000000${n}`);
    for (const [index, id] of ids.entries()) act(() => sonnerNotifier.message({ contactId: id, contactName: `Person ${index}`, preview: `Burst ${index}`, onOpen: vi.fn() }));
    const summary = await screen.findByTestId("message-summary");
    expect(summary).toHaveTextContent("5 new messages from 4 conversations");
    expect(summary).toHaveTextContent("Newest from Person 4");
    await waitFor(() => expect(screen.queryByTestId(`message-toast-${ids[0]}`)).not.toBeInTheDocument());
    expect(screen.queryByTestId(`message-toast-${ids[2]}`)).not.toBeInTheDocument();
  });
});

describe("error messages", () => {
  it("uses the API's human message, never raw exception text", () => {
    expect(describeError("mark Grace as read", new BadgerApiError(404, "not_found", "Contact not found.", null))).toBe(
      "Couldn't mark Grace as read. Contact not found.",
    );
    expect(describeError("send this message", new TypeError("Failed to fetch"))).toBe(
      "Couldn't send this message. Check your connection and try again.",
    );
    expect(describeError("send this message", new BadgerApiError(503, "service_unavailable", "db down: ECONNREFUSED", null))).toBe(
      "Couldn't send this message. The server had a problem; please try again.",
    );
  });
});
