"use client";
// The total unread count where people look when the tab is in the
// background: the document title, "(7) Inbox · Badger", and a red count on
// the favicon.
import "client-only";
import { useEffect } from "react";

export const BASE_TITLE = "Inbox · Badger";
const FAVICON_URL = "/favicon.svg";

export function titleFor(total: number): string {
  return total > 0 ? `(${total}) ${BASE_TITLE}` : BASE_TITLE;
}

export function useDocumentBadge(total: number) {
  useEffect(() => {
    document.title = titleFor(total);
  }, [total]);

  useEffect(() => {
    let cancelled = false;
    void drawFavicon(total).then((href) => {
      if (!cancelled && href) setFavicon(href);
    });
    return () => {
      cancelled = true;
    };
  }, [total]);
}

function setFavicon(href: string) {
  let links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
  if (links.length === 0) {
    const link = document.createElement("link");
    link.rel = "icon";
    document.head.appendChild(link);
    links = [link];
  }
  for (const link of links) {
    if (href.startsWith("data:")) link.type = "image/png";
    else link.type = "image/svg+xml";
    link.href = href;
  }
}

let baseImage: Promise<HTMLImageElement | null> | null = null;

function loadBase(): Promise<HTMLImageElement | null> {
  baseImage ??= new Promise((resolve) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => resolve(null);
    image.src = FAVICON_URL;
  });
  return baseImage;
}

/** The app icon with a red count in the corner; null when drawing is not possible (jsdom, old browsers). */
async function drawFavicon(total: number): Promise<string | null> {
  if (total === 0) return FAVICON_URL;
  if (navigator.userAgent.includes("jsdom")) return null; // no canvas there
  const canvas = document.createElement("canvas");
  const context = typeof canvas.getContext === "function" ? safeContext(canvas) : null;
  if (!context) return null;
  const size = 64;
  canvas.width = size;
  canvas.height = size;
  const image = await loadBase();
  if (image) context.drawImage(image, 0, 0, size, size);
  const label = total > 9 ? "9+" : String(total);
  context.fillStyle = "#ef4444";
  context.strokeStyle = "#ffffff";
  context.lineWidth = 4;
  context.beginPath();
  context.arc(size - 19, 19, 18, 0, Math.PI * 2);
  context.fill();
  context.stroke();
  context.fillStyle = "#ffffff";
  context.font = "bold 24px system-ui, sans-serif";
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText(label, size - 19, 20);
  return canvas.toDataURL("image/png");
}

function safeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext("2d");
  } catch {
    return null; // jsdom without the canvas package throws "not implemented"
  }
}
