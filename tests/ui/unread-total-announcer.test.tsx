// @vitest-environment jsdom
// Issue 15: the sidebar total is announced once it settles, not per badge.
import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TOTAL_ANNOUNCE_DELAY_MS, UnreadTotalAnnouncer } from "@/components/inbox/unread-total-announcer";

describe("UnreadTotalAnnouncer", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const region = () => screen.getByTestId("unread-total-announcer");

  it("says nothing on load, then one polite announcement for a burst of changes", () => {
    const { rerender } = render(<UnreadTotalAnnouncer total={7} />);
    expect(region()).toHaveAttribute("aria-live", "polite");
    expect(region()).toHaveTextContent("");

    // Each change comes before the previous one settled: nothing is said in between.
    for (const total of [8, 9, 10]) {
      rerender(<UnreadTotalAnnouncer total={total} />);
      act(() => vi.advanceTimersByTime(TOTAL_ANNOUNCE_DELAY_MS / 3));
      expect(region()).toHaveTextContent("");
    }
    act(() => vi.advanceTimersByTime(TOTAL_ANNOUNCE_DELAY_MS));
    expect(region()).toHaveTextContent("10 unread messages in the inbox");
  });

  it("stays silent when the total comes back to what was last said", () => {
    const { rerender } = render(<UnreadTotalAnnouncer total={3} />);
    rerender(<UnreadTotalAnnouncer total={4} />);
    rerender(<UnreadTotalAnnouncer total={3} />);
    act(() => vi.advanceTimersByTime(TOTAL_ANNOUNCE_DELAY_MS * 2));
    expect(region()).toHaveTextContent("");
  });

  it("says so when everything is read", () => {
    const { rerender } = render(<UnreadTotalAnnouncer total={1} />);
    rerender(<UnreadTotalAnnouncer total={0} />);
    act(() => vi.advanceTimersByTime(TOTAL_ANNOUNCE_DELAY_MS));
    expect(region()).toHaveTextContent("No unread messages in the inbox");
  });
});
