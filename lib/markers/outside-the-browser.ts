// What `import "#server-only"` resolves to everywhere but a browser bundle
// (the server, vitest, tsx scripts): nothing. The `server-only` package itself
// throws outside React's server environment, and the tests, the bench, the
// seed and the load scripts import server modules in plain Node.
export {};
