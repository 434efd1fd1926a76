// @vitest-environment node
import { describe, expect, it } from "vitest";
import { formatDayLabel, formatRelativeTime } from "@/lib/inbox/relative-time";

const clock = { now: Date.parse("2026-03-06T15:00:00Z"), timeZone: "UTC" }; // a Friday
const ago = (ms: number) => new Date(clock.now - ms).toISOString();

describe("relative times", () => {
  it.each([
    [ago(5_000), "just now"],
    [ago(-30_000), "just now"], // a little clock skew into the future
    [ago(5 * 60_000), "5m"],
    [ago(59 * 60_000), "59m"],
    [ago(3 * 3_600_000), "3h"],
    [ago(23 * 3_600_000), "23h"],
    ["2026-03-02T09:00:00Z", "Mon"],
    ["2026-02-24T09:00:00Z", "Feb 24"],
    ["2025-12-04T09:00:00Z", "Dec 4, 2025"],
  ])("%s → %s", (iso, expected) => {
    expect(formatRelativeTime(iso, clock)).toBe(expected);
  });

  it("labels days in a thread", () => {
    expect(formatDayLabel("2026-03-06T01:00:00Z", clock)).toBe("Today");
    expect(formatDayLabel("2026-03-05T23:00:00Z", clock)).toBe("Yesterday");
    expect(formatDayLabel("2026-03-02T10:00:00Z", clock)).toBe("Monday, March 2");
    expect(formatDayLabel("2025-03-02T10:00:00Z", clock)).toBe("Sunday, March 2, 2025");
  });

  it("follows the viewer's time zone for day boundaries", () => {
    const tokyo = { ...clock, timeZone: "Asia/Tokyo" }; // 00:00 on Saturday there
    expect(formatDayLabel("2026-03-06T01:00:00Z", tokyo)).toBe("Yesterday");
  });
});
