/**
 * The two measured scenarios, for one kind against one emulator:
 *  - lifecycle: N resources, subject, no-op baseline and calling baseline
 *    stacks stepped in lockstep (which goes first rotates by repeat) through
 *    up from empty, no-change up, preview, refresh, destroy;
 *  - rotation: one key with K dependents; a no-change up and an up that
 *    rotates the key, alternating, on the same stack.
 */
import type { Emulator } from "../emulator";
import type { Toolchain } from "../scripts/toolchain";
import { countCalls, type ApiCalls } from "./calls";
import { BENCH_APP, BENCH_ORG, type BenchKind, type Layout } from "./kinds";
import { callingModuleSource, programSource, type Role } from "./program";
import { ProviderRssSampler, type RssPeak } from "./rss";
import { BenchStack, type ExportedResource, type RunTiming } from "./stack";

const DAY_MS = 86_400_000;

export const OPERATIONS = ["up from empty", "no-change up", "preview", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

export type { ApiCalls } from "./calls";

export interface Sample extends RunTiming {
    api: ApiCalls;
    /** Peak RSS of the run's dynamic-provider processes (absent in runs saved before it was measured). */
    rss?: RssPeak;
}

/** The roles of the lifecycle, in the order of the first repeat. */
export const ROLES: readonly Role[] = ["baseline", "calling", "subject"];

/**
 * Identity's documented limits on (counters restarted before each measured run); the same on the
 * operations that only read (no-change up, preview, refresh) with writes unlimited ("reads"); or no limit at all.
 */
export type RateLimitMode = "documented" | "reads" | "off";

/** What "reads" lifts for the writing operations: no request of a bench comes near it. */
const UNLIMITED = { GET: 1_000_000, POST: 1_000_000, PUT: 1_000_000, PATCH: 1_000_000, DELETE: 1_000_000 };

/** The conditions a lifecycle was measured under (absent in runs saved before they could vary). */
export interface Conditions {
    layout: Layout;
    latencyMs: number;
    rateLimits: RateLimitMode;
}

export interface StateSize {
    /** Characters of the `__provider` string of the first resource of the kind. */
    providerChars: number;
    /** Mean characters of one resource's entry in `stack export`. */
    charsPerResource: number;
}

export interface LifecycleResult {
    kind: string;
    n: number;
    conditions?: Conditions;
    /** Per operation, one sample per repeat, in run order (no `calling` in runs saved before it existed). */
    samples: Record<Operation, Partial<Record<Role, Sample[]>> & Record<"subject" | "baseline", Sample[]>>;
    state: Partial<Record<Role, StateSize>>;
}

export interface RotationResult {
    kind: string;
    dependents: number;
    noChange: Sample[];
    rotation: Sample[];
}

export interface ScenarioContext {
    toolchain: Toolchain;
    emulator: Emulator;
    kind: BenchKind;
    repeats: number;
    /** The baseline also registers the subject's outputs (see BenchKind.properties). */
    shapedBaseline?: boolean;
    /** The package build the subject uses (default: this checkout). */
    packageDir?: string;
    conditions: Conditions;
    log: (line: string) => void;
}

/** What the provider needs to reach the emulator; per-resource connections take the rest from here too. */
export function stackEnv(emulator: Emulator): Record<string, string> {
    return {
        UIPATH_BASE_URL: emulator.url,
        UIPATH_ORGANIZATION: BENCH_ORG,
        UIPATH_CLIENT_ID: BENCH_APP.clientId,
        UIPATH_CLIENT_SECRET: BENCH_APP.clientSecret,
    };
}

/** An admin call to the emulator (not audited, never delayed or limited). */
async function admin(emulator: Emulator, method: string, path: string, json?: unknown): Promise<void> {
    const res = await fetch(`${emulator.url}/__emulator/${path}`, {
        method,
        headers: json === undefined ? {} : { "content-type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
    });
    if (!res.ok) throw new Error(`emulator admin ${method} ${path}: ${res.status}`);
}

/**
 * Runs one CLI operation; counts the emulator requests it made (the audit is
 * emptied first) and the peak RSS of its provider processes. Under documented
 * limits the counters restart first, so each operation is measured in fresh
 * five-minute windows, as if the organization had been idle before it.
 */
async function measure(ctx: ScenarioContext, run: () => Promise<RunTiming>, op?: Operation): Promise<Sample> {
    await admin(ctx.emulator, "DELETE", "audit");
    const mode = ctx.conditions.rateLimits;
    const writes = op === "up from empty" || op === "destroy";
    if (mode === "documented") await admin(ctx.emulator, "PUT", "rate-limits", {});
    // DELETE sets the documented limits again (and restarts the counters).
    if (mode === "reads")
        await admin(ctx.emulator, writes ? "PUT" : "DELETE", "rate-limits", writes ? UNLIMITED : undefined);
    const sampler = new ProviderRssSampler();
    let timing: RunTiming;
    try {
        timing = await run();
    } catch (err) {
        sampler.stop();
        throw err;
    }
    const rss = sampler.stop();
    return { ...timing, api: countCalls(ctx.emulator.audit()), rss };
}

function stateSize(resources: ExportedResource[], type: string): StateSize {
    const ofKind = resources.filter((r) => r.type === type);
    const provider = ofKind[0]?.inputs?.__provider;
    return {
        providerChars: typeof provider === "string" ? provider.length : NaN,
        charsPerResource: ofKind.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / ofKind.length,
    };
}

/** A measured operation: a failure (throttled past the retries, say) is recorded, not thrown. */
const run = (stack: BenchStack, op: Operation): Promise<RunTiming> => {
    switch (op) {
        case "up from empty":
        case "no-change up":
            return stack.up(true);
        case "preview":
            return stack.preview(true);
        case "refresh":
            return stack.refresh(true);
        case "destroy":
            return stack.destroy(true);
    }
};

const fmt = (s: Sample) =>
    `${(s.wallMs / 1000).toFixed(2)} s wall, ${(s.cpuMs / 1000).toFixed(2)} s cpu, ${s.api.total} calls` +
    `${s.api.tooMany > 0 ? ` (${s.api.tooMany} × 429)` : ""}, provider peak RSS ${((s.rss?.peakKb ?? NaN) / 1024).toFixed(0)} MiB` +
    `${s.failed ? `; FAILED: ${s.failed}` : ""}`;

const TYPES: Record<Role, (kind: BenchKind) => string> = {
    subject: (kind) => `pulumi-nodejs:dynamic/uipath:${kind.name}`,
    baseline: () => "pulumi-nodejs:dynamic/bench:Noop",
    calling: () => "pulumi-nodejs:dynamic/bench:Calling",
};

export async function lifecycle(ctx: ScenarioContext, n: number): Promise<LifecycleResult> {
    const { kind, emulator } = ctx;
    const stacks = {} as Record<Role, BenchStack>;
    const samples = Object.fromEntries(
        OPERATIONS.map((op) => [op, { subject: [], baseline: [], calling: [] }]),
    ) as unknown as LifecycleResult["samples"];
    const state: LifecycleResult["state"] = {};
    try {
        for (const role of ROLES) {
            stacks[role] = await BenchStack.create(ctx.toolchain, stackEnv(emulator), ctx.packageDir);
            stacks[role].writeProgram(
                programSource({
                    kind,
                    role,
                    n,
                    shaped: ctx.shapedBaseline === true && role === "baseline",
                    layout: ctx.conditions.layout,
                }),
            );
            if (role === "calling") stacks[role].writeFile("calling.js", callingModuleSource(kind));
        }
        for (let r = 0; r < ctx.repeats; r++) {
            const order = ROLES.map((_, i) => ROLES[(i + r) % ROLES.length]!);
            for (const op of OPERATIONS) {
                for (const role of order) {
                    const sample = await measure(ctx, () => run(stacks[role], op), op);
                    (samples[op][role] ??= []).push(sample);
                    ctx.log(`${kind.name} N=${n} #${r + 1} ${op} ${role}: ${fmt(sample)}`);
                    if (r === 0 && op === "up from empty") {
                        state[role] = stateSize(await stacks[role].exportResources(), TYPES[role](kind));
                    }
                }
            }
        }
    } finally {
        for (const stack of Object.values(stacks)) stack.remove();
    }
    return { kind: kind.name, n, conditions: ctx.conditions, samples, state };
}

export async function rotation(ctx: ScenarioContext, dependents: number): Promise<RotationResult> {
    const { kind, emulator } = ctx;
    const stack = await BenchStack.create(ctx.toolchain, stackEnv(emulator), ctx.packageDir);
    const result: RotationResult = { kind: kind.name, dependents, noChange: [], rotation: [] };
    try {
        stack.writeProgram(programSource({ kind, role: "subject", n: 1, dependents, layout: ctx.conditions.layout }));
        // Each rotation on its own UTC day (the provider's clock): ExternalApplicationSecret refuses a
        // second rotation the same day, which would retire a previous secret consumers may still hold.
        const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
        const onDay = (n: number) => stack.withEnv({ UIPATH_KEYS_NOW: new Date(today + n * DAY_MS).toISOString() });
        await onDay(0).up();
        for (let r = 0; r < ctx.repeats; r++) {
            const noChange = await measure(ctx, () => onDay(r + 1).up());
            result.noChange.push(noChange);
            ctx.log(`${kind.name} K=${dependents} #${r + 1} no-change up: ${fmt(noChange)}`);
            stack.writeProgram(
                programSource({
                    kind,
                    role: "subject",
                    n: 1,
                    dependents,
                    trigger0: `rotation-${r + 1}`,
                    layout: ctx.conditions.layout,
                }),
            );
            const rotated = await measure(ctx, () => onDay(r + 1).up());
            result.rotation.push(rotated);
            ctx.log(`${kind.name} K=${dependents} #${r + 1} rotation up: ${fmt(rotated)}`);
        }
        await stack.destroy();
    } finally {
        stack.remove();
    }
    return result;
}
