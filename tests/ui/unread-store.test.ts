// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { createUnreadStore } from "@/lib/inbox/unread-store";

describe("unread store", () => {
  it("notifies only the contact that changed", () => {
    const store = createUnreadStore({ a: 1, b: 2 });
    const onA = vi.fn();
    const onB = vi.fn();
    store.subscribeContact("a", onA);
    store.subscribeContact("b", onB);
    store.setLocally("a", 5);
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).not.toHaveBeenCalled();
    store.setLocally("a", 5); // no change, no notification
    expect(onA).toHaveBeenCalledTimes(1);
    expect(store.total()).toBe(7);
  });

  it("keeps a local change made after a server request started", () => {
    const store = createUnreadStore({ a: 3 });
    const token = store.begin();
    store.setLocally("a", 0); // optimistic read while the request is in flight
    store.applyServer(["a", "b"], { a: 3, b: 2 }, token, {});
    expect(store.get("a")).toBe(0);
    expect(store.get("b")).toBe(2);
    const later = store.begin();
    store.applyServer(["a"], { a: 1 }, later, {});
    expect(store.get("a")).toBe(1);
  });

  it("ignores server answers that started before a clear-all", () => {
    const store = createUnreadStore({ a: 3, b: 1 });
    const token = store.begin();
    store.clearAll({ local: true });
    store.applyServer(["a", "b"], { a: 3, b: 1 }, token, {});
    expect(store.total()).toBe(0);
  });

  it("keeps a local read over a snapshot that predates it, or arrives while its mark-read is on its way", () => {
    const state = (readThrough: number) => ({ version: 3, total: 3, readThrough, lastReadAt: readThrough ? "2026-03-02T12:00:00.000Z" : null, muted: false });
    const store = createUnreadStore({ a: 3 }, { states: { a: state(0) } });
    const before = store.begin();
    store.readHere("a", "2026-03-02T12:00:00.000Z");
    const settle = store.reading("a");
    store.applyServer(["a"], {}, before, { a: state(0) });
    expect(store.get("a")).toBe(0);
    // Started after the read, but the server had not committed it yet.
    store.applyServer(["a"], {}, store.begin(), { a: state(0) });
    expect(store.get("a")).toBe(0);
    settle();
    store.applyServer(["a"], {}, store.begin(), { a: state(3) });
    expect(store.get("a")).toBe(0);
    // Once settled, an answer that started after the read is the truth (here: marked unread elsewhere).
    store.applyServer(["a"], {}, store.begin(), { a: state(0) });
    expect(store.get("a")).toBe(3);
  });

  it("changes the unread id set only when membership changes", () => {
    const store = createUnreadStore({ a: 1 });
    const before = store.unreadIds();
    store.setLocally("a", 4);
    expect(store.unreadIds()).toBe(before);
    store.setLocally("b", 1);
    expect(store.unreadIds()).not.toBe(before);
    expect([...store.unreadIds()].sort()).toEqual(["a", "b"]);
  });
});
