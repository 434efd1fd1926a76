export const PREVIEW_LENGTH = 80;

/**
 * At most `max` UTF-16 code units, never ending inside a surrogate pair (an
 * emoji cut in half renders as a replacement character). Whitespace runs are
 * folded so multi-line messages preview on one line.
 */
export function messagePreview(body: string, max = PREVIEW_LENGTH): string {
  const folded = body.replace(/\s+/g, " ").trim();
  if (folded.length <= max) return folded;
  let end = max;
  const last = folded.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return folded.slice(0, end);
}
