// The layer rules in eslint.config.mjs, tried with one wrong-way import each
// (and one allowed import each, so a rule that refuses everything fails too).
import path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string) {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result.messages.filter((message) => ["@typescript-eslint/no-restricted-imports", "no-console", "no-restricted-syntax"].includes(message.ruleId ?? ""));
}

const cases: { name: string; file: string; source: string; refused: boolean }[] = [
  { name: "browser → server (a value)", file: "components/inbox/example.tsx", source: `import { getPrisma } from "@/lib/db/prisma";\nexport const db = getPrisma;\n`, refused: true },
  { name: "browser → server (a type only)", file: "components/inbox/example.tsx", source: `import type { Database } from "@/lib/db/prisma";\nexport type Db = Database;\n`, refused: false },
  { name: "lib → app", file: "lib/inbox/example.ts", source: `import type { GET } from "@/app/api/messaging/contacts/route";\nexport type Get = typeof GET;\n`, refused: true },
  { name: "shared → browser (even a type)", file: "lib/shared/example.ts", source: `import type { InboxController } from "@/lib/inbox/inbox-controller";\nexport type Controller = InboxController;\n`, refused: true },
  { name: "shared → server (a type only)", file: "lib/shared/example.ts", source: `import type { MessageDto } from "@/lib/messaging/message-dto";\nexport type Dto = MessageDto;\n`, refused: false },
  { name: "domain → HTTP", file: "lib/messaging/example.ts", source: `import { ApiError } from "@/lib/api/api-error";\nexport const error = ApiError;\n`, refused: true },
  { name: "domain → domain errors", file: "lib/messaging/example.ts", source: `import { notFound } from "@/lib/domain/domain-error";\nexport const error = notFound;\n`, refused: false },
  { name: "shipped → dev tooling", file: "lib/realtime/example.ts", source: `import { startLocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";\nexport const start = startLocalPusherServer;\n`, refused: true },
  { name: "shipped → scripts", file: "app/api/example/route.ts", source: `import { migrateDeploy } from "../../../scripts/lib/migrate";\nexport const run = migrateDeploy;\n`, refused: true },
  { name: "a bare console call in shipped code", file: "lib/messaging/example.ts", source: `export function shout() {\n  console.log("hi");\n}\n`, refused: true },
  { name: "a lookup by test id in shipped code", file: "lib/inbox/example.ts", source: "export const row = (id: string) => document.querySelector(`[data-testid=\"contact-row-${id}\"]`);\n", refused: true },
  { name: "reading a test id in shipped code", file: "components/inbox/example.ts", source: `export const idOf = (element: HTMLElement) => element.dataset.testid;\n`, refused: true },
  { name: "a lookup by our own data attribute", file: "lib/inbox/example.ts", source: "export const row = (id: string) => document.querySelector(`[data-contact-row=\"${id}\"]`);\n", refused: false },
  { name: "scripts may use dev tooling and the console", file: "scripts/example.ts", source: `import { startLocalPusherServer } from "@/dev/local-pusher-server/create-local-pusher-server";\nconsole.log(startLocalPusherServer);\n`, refused: false },
];

describe("import boundaries (npm run lint)", () => {
  for (const { name, file, source, refused } of cases) {
    it(`${refused ? "refuses" : "allows"} ${name}`, async () => {
      const errors = await boundaryErrors(file, source);
      if (refused) expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
      else expect(errors).toEqual([]);
    });
  }
});
