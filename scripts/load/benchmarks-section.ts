// The load run owns one section of BENCHMARKS.md, between these markers; the
// rest of the file belongs to `npm run bench`. The file is read right before
// writing so a concurrent edit of another section is kept.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const LOAD_START = "<!-- load:start -->";
export const LOAD_END = "<!-- load:end -->";

export function writeLoadSection(file: string, markdown: string) {
  const section = `${LOAD_START}\n${markdown.trim()}\n${LOAD_END}`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const start = current.indexOf(LOAD_START);
  const end = current.indexOf(LOAD_END);
  const next =
    start !== -1 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + LOAD_END.length)}`
      : `${current.trimEnd()}\n\n## Load\n\n${section}\n`;
  writeFileSync(file, next);
}
