/**
 * `npm run bench:heap -- [N] [kind] [orgs] [snapshot MiB] [roles]`: where the provider
 * process's memory goes during `up` from empty, for the subject and the two
 * baselines (no-op and calling). Every dynamic-provider process samples
 * process.memoryUsage() every 50 ms; the tool prints each role's sample at its
 * peak RSS (heap used and total, external, array buffers) and its peak of
 * each. With a snapshot size, the subject's provider also writes one V8 heap
 * snapshot when its heap first holds that many MiB, and the tool prints the
 * snapshot's largest constructors by self size (a snapshot holds live objects
 * only, so beside the peak it tells live data from garbage). HEAP_PROMOTED=1
 * counts only allocations that outlived the young generation (promoted to the
 * old one, where they wait for a major GC). Needs `npm run build`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { ensureToolchain } from "../scripts/toolchain";
import { KINDS, withCallingCopies } from "./kinds";
import { callingModuleSource, programSource, type Role } from "./program";
import { stackEnv } from "./scenarios";
import { BenchStack } from "./stack";

/** Loaded into every node process of the run (NODE_OPTIONS=--require); only providers sample. */
export const HOOK = `if (process.argv.some((a) => a.includes("dynamic-provider"))) {
  const fs = require("node:fs");
  const path = require("node:path");
  const v8 = require("node:v8");
  const inspector = require("node:inspector");
  const dir = process.env.HEAP_DIR;
  const snapAt = Number(process.env.HEAP_SNAPSHOT_MIB || 0) * 2 ** 20;
  const file = path.join(dir, \`mem-\${process.pid}.tsv\`);
  const session = new inspector.Session();
  session.connect();
  // Every allocation sampled, garbage included: what the process allocates, not what it keeps.
  session.post("HeapProfiler.enable", () =>
    session.post("HeapProfiler.startSampling", {
      samplingInterval: 4096, includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: process.env.HEAP_PROMOTED !== "1",
    }));
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post("HeapProfiler.stopSampling", (err, res) => {
      if (!err) fs.writeFileSync(path.join(dir, \`alloc-\${process.pid}.heapprofile\`), JSON.stringify(res.profile));
    });
  };
  process.on("exit", write);
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { write(); process.exit(0); });
  let snapped = false;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    fs.appendFileSync(file, [Date.now(), m.rss, m.heapTotal, m.heapUsed, m.external, m.arrayBuffers].join("\\t") + "\\n");
    if (snapAt > 0 && !snapped && m.heapUsed >= snapAt) {
      snapped = true;
      v8.writeHeapSnapshot(path.join(dir, \`heap-\${process.pid}.heapsnapshot\`));
    }
  }, 50);
  timer.unref();
}`;

const MIB = 2 ** 20;
const mib = (bytes: number) => (bytes / MIB).toFixed(0);

/** The samples of every provider process in a folder, and the one at the largest RSS. */
function summarize(dir: string): string {
    const rows = fs
        .readdirSync(dir)
        .filter((f) => f.startsWith("mem-"))
        .flatMap((f) =>
            fs
                .readFileSync(path.join(dir, f), "utf8")
                .trim()
                .split("\n")
                .map((l) => l.split("\t").map(Number)),
        );
    if (rows.length === 0) return "no provider samples";
    const atPeak = rows.reduce((a, b) => (b[1]! > a[1]! ? b : a));
    const peak = (i: number) => mib(Math.max(...rows.map((r) => r[i]!)));
    return (
        `at peak RSS: rss ${mib(atPeak[1]!)}, heapTotal ${mib(atPeak[2]!)}, heapUsed ${mib(atPeak[3]!)}, ` +
        `external ${mib(atPeak[4]!)}, arrayBuffers ${mib(atPeak[5]!)} MiB; ` +
        `peaks: heapTotal ${peak(2)}, heapUsed ${peak(3)}, external ${peak(4)} MiB`
    );
}

interface HeapSnapshot {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
}

/** Self size by constructor name (objects) or node type (strings, code, …), largest first. */
export function topConstructors(snapshot: HeapSnapshot, count: number): Array<[string, number, number]> {
    const fields = snapshot.snapshot.meta.node_fields;
    const width = fields.length;
    const typeAt = fields.indexOf("type");
    const nameAt = fields.indexOf("name");
    const sizeAt = fields.indexOf("self_size");
    const types = snapshot.snapshot.meta.node_types[0];
    const totals = new Map<string, [number, number]>();
    for (let i = 0; i < snapshot.nodes.length; i += width) {
        const type = types[snapshot.nodes[i + typeAt]!]!;
        const key = type === "object" ? snapshot.strings[snapshot.nodes[i + nameAt]!]! : `(${type})`;
        const t = totals.get(key) ?? [0, 0];
        t[0] += snapshot.nodes[i + sizeAt]!;
        t[1] += 1;
        totals.set(key, t);
    }
    return [...totals.entries()]
        .map(([k, [size, n]]): [string, number, number] => [k, size, n])
        .sort((a, b) => b[1] - a[1])
        .slice(0, count);
}

export interface SamplingNode {
    callFrame: { functionName: string; url: string; lineNumber: number };
    selfSize: number;
    children: SamplingNode[];
}

/**
 * Bytes allocated (sampled, garbage included) by the package each frame's code
 * belongs to: node_modules/<name>, this project's dist, or node's own.
 */
export function allocationsByPackage(head: SamplingNode): Array<[string, number]> {
    const totals = new Map<string, number>();
    const walk = (node: SamplingNode) => {
        const url = node.callFrame.url;
        const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
        const key = inModules
            ? inModules[1]!
            : url.includes("/dist/")
              ? "pulumi-uipath-keys (dist)"
              : url === ""
                ? `(${node.callFrame.functionName || "native"})`
                : url.startsWith("node:")
                  ? "node:*"
                  : url;
        totals.set(key, (totals.get(key) ?? 0) + node.selfSize);
        node.children.forEach(walk);
    };
    walk(head);
    return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
    const n = Number(process.argv[2] ?? "1000");
    const kind = KINDS.find((k) => k.name === (process.argv[3] ?? "ExternalApplicationSecret"));
    if (kind === undefined) throw new Error(`unknown kind '${process.argv[3]}'`);
    const orgs = Number(process.argv[4] ?? "50");
    const snapshotMib = Number(process.argv[5] ?? "0");
    const roles = (process.argv[6] ?? "baseline,calling,subject").split(",") as Role[];
    const layout = { orgs, folders: 1 };
    const toolchain = await ensureToolchain();
    const emulator = await startEmulator({
        config: { organizations: withCallingCopies(kind.seed(n, layout)) },
        rateLimits: "off",
    });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-heap-"));
    const hook = path.join(out, "hook.cjs");
    fs.writeFileSync(hook, HOOK);
    try {
        for (const role of roles) {
            const plain = await BenchStack.create(toolchain, stackEnv(emulator));
            plain.writeProgram(programSource({ kind, role, n, layout }));
            if (role === "calling") plain.writeFile("calling.js", callingModuleSource(kind));
            const dir = path.join(out, role);
            fs.mkdirSync(dir);
            const probed = plain.withEnv({
                NODE_OPTIONS: `--require ${hook}`,
                HEAP_DIR: dir,
                HEAP_SNAPSHOT_MIB: role === "subject" ? String(snapshotMib) : "0",
                HEAP_PROMOTED: process.env.HEAP_PROMOTED ?? "",
            });
            const timing = await probed.run(["up", "--yes", "--skip-preview"]);
            console.log(`${role} up from empty, N=${n}: ${(timing.wallMs / 1000).toFixed(1)} s; ${summarize(dir)}`);
            for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".heapprofile"))) {
                const profile = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { head: SamplingNode };
                const rows = allocationsByPackage(profile.head);
                const total = rows.reduce((a, [, b]) => a + b, 0);
                console.log(`  allocated ${mib(total)} MiB (${(total / n / 1024).toFixed(0)} KiB per resource):`);
                for (const [name, size] of rows.slice(0, 12)) console.log(`  ${mib(size).padStart(6)} MiB  ${name}`);
            }
            const snap = fs.readdirSync(dir).find((f) => f.endsWith(".heapsnapshot"));
            if (snap !== undefined) {
                const parsed = JSON.parse(fs.readFileSync(path.join(dir, snap), "utf8")) as HeapSnapshot;
                for (const [name, size, count] of topConstructors(parsed, 25))
                    console.log(`  ${mib(size).padStart(5)} MiB  ${String(count).padStart(8)}  ${name}`);
            }
            await plain.destroy();
            plain.remove();
        }
        console.log(`samples in ${out}`);
    } finally {
        await emulator.close();
    }
}

if (require.main === module)
    main().catch((err: unknown) => {
        console.error(err);
        process.exit(1);
    });
