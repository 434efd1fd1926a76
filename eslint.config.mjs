import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "next-env.d.ts",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message: "Wait on a real condition (expect(...).toHaveText, waitForResponse), never a fixed sleep.",
        },
      ],
    },
  },
];

// Layers (CONTRIBUTING.md "Layers"): what may import what. A wrong-way import
// fails `npm run lint`. Type-only imports across the server/browser line are
// allowed: they vanish at build time.
const serverOnly = [
  "@/lib/db/*",
  "@/lib/api/*",
  "@/lib/observability/*",
  "@/lib/config/*",
  "@/lib/messaging/*",
  "@/lib/webhooks/*",
  "@/lib/rate-limit/*",
  "@/lib/pages/*",
  "@/lib/auth/*",
  // pure role → permission table, shown in the UI as well
  "!@/lib/auth/permissions",
  "@/lib/realtime/publish",
  "@/lib/realtime/pusher-server",
  "@/lib/realtime/channel-access",
  "pg",
  "pusher",
  "node:*",
];
const devTooling = ["@/dev/*", "@/scripts/*", "@/tests/*", "@/e2e/*", "**/dev/**", "**/scripts/**", "**/tests/**", "**/e2e/**"];
const restrict = (groups) => ["error", { patterns: groups }];
const browserGroup = {
  group: serverOnly,
  allowTypeImports: true,
  message: "Browser code must not import server modules (type-only imports are fine): move what both sides need to a shared module.",
};
const devGroup = { group: devTooling, message: "Shipped code must not import development tooling (local servers, demo data, scripts, tests)." };
const appGroup = { group: ["@/app/*"], message: "lib/ must not import from app/: routes depend on lib, never the reverse. Shared types live in lib." };
const browserOnly = ["@/lib/inbox/*", "@/lib/client/*", "@/components/*", "@/lib/realtime/browser-client"];
const sharedGroup = { group: browserOnly, message: "Shared code (lib/shared, lib/realtime/channels) must not depend on browser modules, not even for a type: move the type to lib/shared." };
const httpGroup = { group: ["@/lib/api/*", "next/*", "next"], message: "Domain code knows nothing of HTTP: throw a DomainError (lib/domain/domain-error.ts); the route wrapper maps it." };

// Test ids are the tests' handles: shipped code that finds elements by one
// would change behaviour whenever a test renames it. Our own data-* marks do that job.
const testIdMessage = "Shipped code must not find elements by data-testid: mark them with a data-* attribute of their own.";
const noTestIdLookups = [
  { selector: "Literal[value=/\\[data-testid/]", message: testIdMessage },
  { selector: "TemplateElement[value.raw=/\\[data-testid/]", message: testIdMessage },
  { selector: "MemberExpression[object.property.name='dataset'][property.name='testid']", message: testIdMessage },
];

config.push(
  {
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts"],
    rules: {
      "no-console": "error",
      "@typescript-eslint/no-restricted-imports": restrict([devGroup]),
      "no-restricted-syntax": ["error", ...noTestIdLookups],
    },
  },
  {
    files: ["lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict([devGroup, appGroup]) },
  },
  {
    files: ["components/**", "lib/inbox/**", "lib/client/**", "lib/realtime/browser-client.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict([devGroup, appGroup, browserGroup]) },
  },
  {
    files: ["lib/shared/**", "lib/realtime/channels.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict([devGroup, appGroup, sharedGroup]) },
  },
  {
    files: ["lib/messaging/**", "lib/webhooks/**", "lib/rate-limit/**", "lib/domain/**"],
    rules: { "@typescript-eslint/no-restricted-imports": restrict([devGroup, appGroup, httpGroup]) },
  },
);

export default config;
