"use client";
// A shared "now" for relative times: one timer for the whole page, ticking
// while anything listens. During hydration React uses the server's snapshot
// (render time, UTC) so the HTML matches; right after, the browser's clock and
// time zone take over.
import "client-only";
import { createContext, useContext, useSyncExternalStore } from "react";
import type { ClockSnapshot } from "@/lib/inbox/relative-time";

const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let snapshot: ClockSnapshot | null = null;
let timer: ReturnType<typeof setInterval> | null = null;

function refresh() {
  snapshot = { now: Date.now() };
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) timer = setInterval(refresh, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
      snapshot = null; // stale by the next subscriber: take a fresh one then
    }
  };
}

function getSnapshot(): ClockSnapshot {
  snapshot ??= { now: Date.now() };
  return snapshot;
}

export function useClockSource(serverSnapshot: ClockSnapshot): ClockSnapshot {
  return useSyncExternalStore(subscribe, getSnapshot, () => serverSnapshot);
}

export const ClockContext = createContext<ClockSnapshot>({ now: 0, timeZone: "UTC" });

export const useClock = () => useContext(ClockContext);
