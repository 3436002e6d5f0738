/**
 * `npm run bench [-- options]`: what the resources cost through the real
 * engine, against the embedded emulator, next to a no-op dynamic-resource
 * baseline of the same shape and a calling baseline that makes the same HTTP
 * calls with node:http. Not a test: it asserts nothing, it reports.
 * See CONTRIBUTING.md, "Benchmarks".
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";
import { ensureToolchain, repoRoot } from "../scripts/toolchain";
import { KINDS, withCallingCopies } from "./kinds";
import { renderTables, summarizeGrowth, summarizeLifecycle, summarizeRotation } from "./report";
import { lifecycle, rotation, type Conditions, type LifecycleResult, type RotationResult } from "./scenarios";

const usage = `Usage: npm run bench -- [options]
  --quick            a few minutes: N=5,20, one repeat, K=10, first kind only
                     (${KINDS[0]?.name}; --kinds picks others)
  --n LIST           resources per kind (default 10,50,100; up to 1000)
  --k LIST           dependents of the rotated key (default 1,10,50; "" to skip rotation)
  --repeats R        interleaved repeats (default 3)
  --baseline KIND    plain (default): a no-op with one key output, the engine's floor for N
                     dynamic resources; shaped: a no-op that also registers each kind's
                     own outputs, to tell the SDK's cost per property from the provider's.
                     Every lifecycle also runs the calling baseline: the subject's HTTP calls
                     made with node:http by a provider as small as the no-op (bench/program.ts)
  --kinds LIST       kinds to measure (default: ${KINDS.map((k) => k.name).join(",")})
  --orgs M           spread the N resources over M organizations, each resource with its own
                     connection (default: all in the stack's organization, as before --orgs;
                     the product keys are one per organization whatever M)
  --folders F        spread assets over F folders per organization (default 1: Shared)
  --latency-ms MS    the emulator delays every API request by MS (real time; default 0)
  --rate-limits MODE documented: UiPath's documented limits on (Identity: 300 GETs per organization
                     per 5 min…; counters restart before each measured run); reads: the same,
                     but up from empty and destroy run unlimited (N over 300 in one organization
                     is set up and torn down without waiting windows); off (default): none
  --package DIR      measure the package built in DIR (a checkout of an earlier commit
                     with its dist/ built) instead of this one: before/after tables
  --out FILE         JSON output (default bench/results/bench-<time>.json)
  --report FILE      print the tables of a saved JSON (one or more, comma-separated) and exit`;

/** The largest N: issue #22's enterprise size. */
const MAX_N = 1000;

const numbers = (list: string): number[] =>
    list
        .split(",")
        .filter((s) => s.trim() !== "")
        .map((s) => {
            const n = Number(s);
            if (!Number.isInteger(n) || n < 1)
                throw new Error(`expected a comma-separated list of positive integers, got '${list}'`);
            return n;
        });

function options() {
    const { values } = parseArgs({
        options: {
            quick: { type: "boolean", default: false },
            n: { type: "string" },
            k: { type: "string" },
            repeats: { type: "string" },
            kinds: { type: "string" },
            baseline: { type: "string", default: "plain" },
            orgs: { type: "string" },
            folders: { type: "string", default: "1" },
            "latency-ms": { type: "string", default: "0" },
            "rate-limits": { type: "string", default: "off" },
            package: { type: "string" },
            out: { type: "string" },
            report: { type: "string" },
            help: { type: "boolean", default: false },
        },
    });
    if (values.help) {
        console.log(usage);
        process.exit(0);
    }
    if (values.report) {
        printReport(values.report.split(",").map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as SavedRun));
        process.exit(0);
    }
    // --quick measures one kind unless told otherwise: each kind adds two stacks' full lifecycles.
    const names = values.kinds?.split(",") ?? (values.quick ? KINDS.slice(0, 1) : KINDS).map((k) => k.name);
    const unknown = names.filter((name) => !KINDS.some((k) => k.name === name));
    if (unknown.length > 0)
        throw new Error(`--kinds: unknown ${unknown.join(", ")}; known: ${KINDS.map((k) => k.name).join(", ")}`);
    if (values.baseline !== "plain" && values.baseline !== "shaped")
        throw new Error(`--baseline: expected plain or shaped, got '${values.baseline}'`);
    const repeats = numbers(values.repeats ?? (values.quick ? "1" : "3"))[0] ?? 1;
    const rateLimits = values["rate-limits"];
    if (rateLimits !== "documented" && rateLimits !== "reads" && rateLimits !== "off")
        throw new Error(`--rate-limits: expected documented, reads or off, got '${rateLimits}'`);
    const latencyMs = Number(values["latency-ms"]);
    if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000)
        throw new Error(`--latency-ms: expected an integer from 0 to 60000, got '${values["latency-ms"]}'`);
    const ns = numbers(values.n ?? (values.quick ? "5,20" : "10,50,100"));
    if (ns.some((n) => n > MAX_N)) throw new Error(`--n: at most ${MAX_N} resources`);
    const packageDir = path.resolve(values.package ?? repoRoot);
    if (!fs.existsSync(path.join(packageDir, "dist", "index.js"))) {
        throw new Error(
            `${path.join(packageDir, "dist")} is missing: run \`npm run build\` there (npm run bench does it for this checkout)`,
        );
    }
    return {
        ns,
        conditions: {
            layout: {
                orgs: values.orgs === undefined ? undefined : numbers(values.orgs)[0],
                folders: numbers(values.folders)[0] ?? 1,
            },
            latencyMs,
            rateLimits,
        } satisfies Conditions,
        ks: numbers(values.k ?? (values.quick ? "10" : "1,10,50")),
        repeats,
        kinds: KINDS.filter((k) => names.includes(k.name)),
        shapedBaseline: values.baseline === "shaped",
        packageDir,
        out: path.resolve(
            values.out ??
                path.join(repoRoot, "bench", "results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
        ),
    };
}

/** What `--out` holds (the part `--report` reads). */
interface SavedRun {
    raw: { lifecycle: LifecycleResult[]; rotation: RotationResult[] };
}

function printReport(runs: SavedRun[]): void {
    const lifecycleSummary = runs.flatMap((r) => r.raw.lifecycle).map(summarizeLifecycle);
    console.log(
        renderTables(
            lifecycleSummary,
            summarizeGrowth(lifecycleSummary),
            runs.flatMap((r) => r.raw.rotation).map(summarizeRotation),
        ),
    );
}

function gitCommit(dir: string): string | undefined {
    try {
        return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    } catch {
        return undefined;
    }
}

async function main(): Promise<void> {
    const opts = options();
    const toolchain = await ensureToolchain();
    const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
    const started = new Date();
    const loadBefore = os.loadavg();
    const lifecycleResults: LifecycleResult[] = [];
    const rotationResults: RotationResult[] = [];
    const meta = () => ({
        started: started.toISOString(),
        finished: new Date().toISOString(),
        commit: gitCommit(repoRoot),
        // The subject's package when --package named another build.
        packageCommit: opts.packageDir === repoRoot ? undefined : gitCommit(opts.packageDir),
        node: process.version,
        cpus: os.cpus().length,
        loadavgBefore: loadBefore,
        loadavgAfter: os.loadavg(),
        toolchain: toolchain.source,
        options: {
            ns: opts.ns,
            ks: opts.ks,
            repeats: opts.repeats,
            kinds: opts.kinds.map((k) => k.name),
            baseline: opts.shapedBaseline ? "shaped" : "plain",
            ...opts.conditions,
        },
    });
    const summarize = () => {
        const lifecycleSummary = lifecycleResults.map(summarizeLifecycle);
        return {
            lifecycle: lifecycleSummary,
            growth: summarizeGrowth(lifecycleSummary),
            rotation: rotationResults.map(summarizeRotation),
        };
    };
    const save = () => {
        fs.mkdirSync(path.dirname(opts.out), { recursive: true });
        const json = {
            meta: meta(),
            summary: summarize(),
            raw: { lifecycle: lifecycleResults, rotation: rotationResults },
        };
        fs.writeFileSync(opts.out, JSON.stringify(json, null, 2));
    };
    for (const kind of opts.kinds) {
        const orgs = kind.seed(Math.max(...opts.ns, 1), opts.conditions.layout);
        const emulator = await startEmulator({
            // The calling baseline works in a copy of each organization (kinds.ts, withCallingCopies).
            config: { organizations: withCallingCopies(orgs) },
            // Off by default: the published limits would throttle N=100 on purpose, and the default
            // bench measures the provider, not Retry-After. --rate-limits documented measures both.
            ...(opts.conditions.rateLimits === "off" ? { rateLimits: "off" as const } : {}),
            latencyMs: opts.conditions.latencyMs,
        });
        try {
            const ctx = {
                toolchain,
                emulator,
                kind,
                repeats: opts.repeats,
                shapedBaseline: opts.shapedBaseline,
                packageDir: opts.packageDir,
                conditions: opts.conditions,
                log,
            };
            // Saved after each scenario, so an interrupted run keeps what it measured.
            for (const n of opts.ns) {
                lifecycleResults.push(await lifecycle(ctx, n));
                save();
            }
            for (const k of kind.rotates === false ? [] : opts.ks) {
                rotationResults.push(await rotation(ctx, k));
                save();
            }
        } finally {
            await emulator.close();
        }
    }
    save();
    printReport([{ raw: { lifecycle: lifecycleResults, rotation: rotationResults } }]);
    const loadAfter = os.loadavg();
    console.log(
        `\nload average before ${loadBefore.map((l) => l.toFixed(2)).join(" ")}, after ${loadAfter.map((l) => l.toFixed(2)).join(" ")} (${os.cpus().length} CPUs)`,
    );
    console.log(`JSON: ${opts.out}`);
}

main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
