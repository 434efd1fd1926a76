import { migrateDeploy } from "../lib/migrate";
import { measureWriteScale } from "./write-scale";
const url = "postgresql://postgres@127.0.0.1:5432/badger_ws";
await migrateDeploy(url, { quiet: true });
const points = await measureWriteScale(url, { sizes: (process.env.SIZES ?? "20,200,1000").split(",").map(Number), contacts: 10000, seconds: Number(process.env.SECS ?? 6), latencyRuns: 200, concurrentTransactions: true, log: (l) => console.log(l) });
console.log(JSON.stringify(points.map((p) => ({ m: p.members, join: p.memberJoin }))));
