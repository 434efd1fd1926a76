// `npm run counts:verify`: finds every count that drifted while the triggers
// were bypassed (here as a logical-replication apply does it:
// session_replication_role = replica), says how many, exits non-zero, and with
// --repair rebuilds exactly those, after which the model equals the oracle.
import { spawnSync } from "node:child_process";
import path from "node:path";
import type pg from "pg";
import { inject } from "vitest";
import { verifyReadModel } from "../../scripts/read-model/verify-read-model";
import { addMessages, createOrganization, minutesAgo, type OrgFixture } from "../support/fixtures";
import { getTestPrisma } from "../support/test-database";
import { connectRaw, counterMismatches } from "./unread-counters-support";

const db = getTestPrisma();
const repoRoot = path.resolve(import.meta.dirname, "../..");

function runCli(args: string[]) {
  const result = spawnSync(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["scripts/counts-verify.ts", ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "test", DATABASE_URL: inject("databaseUrl") },
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("counts:verify", () => {
  let raw: pg.Client;
  let org: OrgFixture;

  beforeAll(async () => {
    raw = await connectRaw();
    org = await createOrganization(db, { members: { alice: "admin", bob: "agent" }, contacts: 4 });
    await addMessages(
      db,
      org.organizationId,
      org.contactIds.flatMap((contactId, index) =>
        Array.from({ length: 3 + index }, (_, n) => ({ contactId, createdAt: minutesAgo(60 - n * 10) })),
      ),
    );
    await raw.query(
      `INSERT INTO conversation_read_state (organization_id, user_id, contact_id, last_read_at) VALUES ($1, $2, $3, $4)`,
      [org.organizationId, org.users.alice.id, org.contactIds[0], minutesAgo(45)],
    );
  });
  afterAll(async () => {
    await raw.end();
  });

  it("reports a consistent model as such", async () => {
    const report = await verifyReadModel(raw, { organizationId: org.organizationId, repair: false });
    expect(report).toMatchObject({ contacts: 4, pairs: 8, driftedPairs: 0, driftedContacts: 0 });
    const cli = runCli(["--org", org.organizationId]);
    expect(cli.output).toMatch(/4 contacts and 8 \(member, contact\) counts checked in [\d.]+ s: 0 differ/);
    expect(cli.status).toBe(0);
  });

  it("finds drift left by writes with triggers disabled, exits 1, and repairs exactly it", async () => {
    await raw.query(`BEGIN`);
    await raw.query(`SET LOCAL session_replication_role = replica`);
    await raw.query(
      `INSERT INTO message (organization_id, contact_id, direction, kind, body) VALUES ($1, $2, 'inbound', 'chat', 'replicated')`,
      [org.organizationId, org.contactIds[1]],
    );
    await raw.query(`UPDATE conversation_read_state SET last_read_at = now() WHERE contact_id = $1`, [org.contactIds[0]]);
    await raw.query(`UPDATE message SET deleted_at = now() WHERE id = (SELECT id FROM message WHERE contact_id = $1 LIMIT 1)`, [
      org.contactIds[2],
    ]);
    await raw.query(`COMMIT`);
    const expected = await counterMismatches(raw, org.organizationId);
    expect(expected.length).toBe(5); // both members on contacts 1 and 2, alice on contact 0

    const found = await verifyReadModel(raw, { organizationId: org.organizationId, repair: false });
    expect(found).toMatchObject({ driftedPairs: expected.length, driftedContacts: 3, driftedStates: 1 });
    const check = runCli(["--org", org.organizationId]);
    expect(check.output).toMatch(/: 5 differ \(3 contacts, 1 read states\)/);
    expect(check.status).toBe(1);

    const lines: string[] = [];
    const repaired = await verifyReadModel(raw, { organizationId: org.organizationId, repair: true, batchSize: 2, log: (line) => lines.push(line) });
    expect(repaired.repairedContacts).toBe(3);
    expect(lines).toEqual([
      expect.stringMatching(/checked 2 of 4 contacts/),
      expect.stringMatching(/checked 4 of 4 contacts: 5 \(member, contact\) counts differ, 3 contacts rebuilt/),
    ]);
    expect(await counterMismatches(raw, org.organizationId)).toEqual([]);
    expect(runCli(["--org", org.organizationId]).status).toBe(0);
  });

  it("refuses arguments it does not know, without touching anything", () => {
    const cli = runCli(["--org", "not-a-uuid"]);
    expect(cli.status).toBe(2);
    expect(cli.output).toMatch(/Usage: npm run counts:verify/);
  });
});
