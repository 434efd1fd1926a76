import { inject } from "vitest";
// DOM matchers (toBeInTheDocument, toHaveClass…) for the UI tests under tests/ui.
import "@testing-library/jest-dom/vitest";

// Route handlers read their configuration from the environment, exactly as in
// production; point them at this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_URL ??= "http://localhost:3000";
