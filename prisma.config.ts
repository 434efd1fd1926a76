import path from "node:path";
import { defineConfig } from "prisma/config";
import { createMigrationAdapter } from "./prisma/migration-adapter";

const databaseUrl = process.env.DATABASE_URL;
// `prisma generate` runs in postinstall, where no database exists yet; the
// schema's env("DATABASE_URL") must still resolve. Nothing connects to this.
process.env.DATABASE_URL ??= "postgresql://generate-only@127.0.0.1:1/unused";

// The JavaScript schema engine (wasm) runs offline; the native engine would be
// downloaded at the first CLI call, which these machines cannot do
// (see ../shared/TOOLCHAIN.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => createMigrationAdapter(databaseUrl),
});
