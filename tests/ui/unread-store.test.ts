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
    store.set("a", 5);
    expect(onA).toHaveBeenCalledTimes(1);
    expect(onB).not.toHaveBeenCalled();
    store.set("a", 5); // no change, no notification
    expect(onA).toHaveBeenCalledTimes(1);
    expect(store.total()).toBe(7);
  });

  it("keeps a local change made after a server request started", () => {
    const store = createUnreadStore({ a: 3 });
    const token = store.beginServerRead();
    store.set("a", 0); // optimistic read while the request is in flight
    store.applyServer(["a", "b"], { a: 3, b: 2 }, token);
    expect(store.get("a")).toBe(0);
    expect(store.get("b")).toBe(2);
    const later = store.beginServerRead();
    store.applyServer(["a"], { a: 1 }, later);
    expect(store.get("a")).toBe(1);
  });

  it("ignores server answers that started before a clear-all", () => {
    const store = createUnreadStore({ a: 3, b: 1 });
    const token = store.beginServerRead();
    store.clearAll();
    store.applyServer(["a", "b"], { a: 3, b: 1 }, token);
    expect(store.total()).toBe(0);
  });

  it("changes the unread id set only when membership changes", () => {
    const store = createUnreadStore({ a: 1 });
    const before = store.unreadIds();
    store.set("a", 4);
    expect(store.unreadIds()).toBe(before);
    store.set("b", 1);
    expect(store.unreadIds()).not.toBe(before);
    expect([...store.unreadIds()].sort()).toEqual(["a", "b"]);
  });
});
