// What `import "#server-only"` resolves to in a browser bundle (package.json
// "imports", condition "browser"): the `server-only` marker, which makes
// Next's build refuse a client component whose imports reach a server module.
import "server-only";
