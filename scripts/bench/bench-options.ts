// Command line of `npm run bench`. Every option has a default, so
// `npm run bench` alone is the full-scale run that BENCHMARKS.md reports.
import { parseArgs } from "node:util";

export type BenchOptions = {
  /** Multiplies the dataset's message volume: 1 = at least 2,000,000 messages. */
  scale: number;
  /** Tiny dataset, exactness only: no build, no HTTP server, no thresholds, no report rewrite. */
  smoke: boolean;
  /** Regenerate the dataset even when the benchmark database already holds one of this scale. */
  fresh: boolean;
  /** Reuse the existing .next production build instead of running `npm run build`. */
  skipBuild: boolean;
  /** Rewrite the results section of BENCHMARKS.md and docs/bench/cost-curve.svg. */
  writeReport: boolean;
  port: number;
};

const USAGE = `npm run bench -- [--scale <n>] [--smoke] [--fresh] [--skip-build] [--no-report] [--port <n>]

  --scale <n>    dataset size; 1 (default) = 10,000 contacts, 20 users, >= 2,000,000 messages
  --smoke        tiny exactness run for CI: fresh scratch database, no timings judged
  --fresh        regenerate the dataset even if BENCH_DATABASE_URL already holds one
  --skip-build   use the existing .next build instead of running \`npm run build\`
  --no-report    do not rewrite BENCHMARKS.md and docs/bench/cost-curve.svg
  --port <n>     port of the production server (default 3400)

Database: BENCH_DATABASE_URL (a dedicated database), or an embedded PGlite when unset.
With --smoke: a fresh database on TEST_DATABASE_URL's server when set, else embedded.`;

export function readBenchOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: "string", default: "1" },
      smoke: { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      "skip-build": { type: "boolean", default: false },
      "no-report": { type: "boolean", default: false },
      port: { type: "string", default: "3400" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    console.error(`--scale must be a number in (0, 10], got "${values.scale}".\n\n${USAGE}`);
    process.exit(2);
  }
  return {
    scale,
    smoke: values.smoke,
    fresh: values.fresh,
    skipBuild: values["skip-build"],
    writeReport: !values["no-report"] && !values.smoke,
    port: Number(values.port),
  };
}
