"use client";
// Toasts sit at the bottom, just above whatever element this ref is on (the
// reply box): its height, kept current as the box grows, is --toast-bottom,
// the Toaster's bottom offset (app/layout.tsx). Without one on the page the
// offset falls back to 16 px.
import "client-only";
import { useCallback } from "react";

export const TOAST_GAP_PX = 12;

export function useToastClearance() {
  return useCallback((element: HTMLElement | null) => {
    if (!element) return;
    const root = document.documentElement;
    const apply = () => root.style.setProperty("--toast-bottom", `${Math.ceil(element.getBoundingClientRect().height) + TOAST_GAP_PX}px`);
    apply();
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(apply);
    observer?.observe(element);
    // React 19 calls a ref's returned function when the element goes.
    return () => {
      observer?.disconnect();
      root.style.removeProperty("--toast-bottom");
    };
  }, []);
}
