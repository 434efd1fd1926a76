import { inject } from "vitest";

// Route handlers read their configuration from the environment, exactly as in
// production; point them at this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
