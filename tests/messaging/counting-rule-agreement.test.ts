// The counting rule is written once in TypeScript (isCountedMessage, and the
// SQL fragment countedMessage() that queries embed) and once in SQL
// (unread_counted(), which the read model's triggers use). They must agree on
// every message shape the schema allows, including enum values added later:
// the shapes come from the database's own enums, not from this file.
import { Prisma } from "@/lib/generated/prisma/client";
import { countedMessage, isCountedMessage } from "@/lib/messaging/counting-rule";
import { getTestPrisma } from "../support/test-database";

const db = getTestPrisma();

async function enumValues(type: string) {
  const rows = await db.$queryRaw<{ value: string }[]>`SELECT unnest(enum_range(NULL::${Prisma.raw(`"${type}"`)}))::text AS value`;
  return rows.map((row) => row.value);
}

describe("the counting rule, in TypeScript and in SQL", () => {
  it("agrees for every direction × kind × deleted or not", async () => {
    const directions = await enumValues("message_direction");
    const kinds = await enumValues("message_kind");
    expect(directions.length).toBeGreaterThan(1);
    expect(kinds.length).toBeGreaterThan(1);
    const shapes = directions.flatMap((direction) => kinds.flatMap((kind) => [false, true].map((deleted) => ({ direction, kind, deleted }))));

    const rows = await db.$queryRaw<{ direction: string; kind: string; deleted: boolean; by_function: boolean; by_fragment: boolean }[]>`
      SELECT m.direction::text, m.kind::text, m.deleted_at IS NOT NULL AS deleted,
             unread_counted(m.direction, m.kind, m.deleted_at) AS by_function,
             (${countedMessage("m")}) AS by_fragment
      FROM (
        SELECT d::message_direction AS direction, k::message_kind AS kind, CASE WHEN del THEN now() END AS deleted_at
        FROM unnest(${shapes.map((shape) => shape.direction)}::text[], ${shapes.map((shape) => shape.kind)}::text[], ${shapes.map((shape) => shape.deleted)}::boolean[]) AS s(d, k, del)
      ) m`;
    expect(rows).toHaveLength(shapes.length);
    for (const row of rows) {
      const shape = `${row.direction}/${row.kind}/${row.deleted ? "deleted" : "live"}`;
      const byTypeScript = isCountedMessage({ direction: row.direction, kind: row.kind, deletedAt: row.deleted ? new Date() : null });
      expect(row.by_function, `unread_counted() on ${shape}`).toBe(byTypeScript);
      expect(row.by_fragment, `countedMessage() on ${shape}`).toBe(byTypeScript);
    }
    // and the rule is not trivially constant
    expect(new Set(rows.map((row) => row.by_function)).size).toBe(2);
  });
});
