/**
 * The two measured scenarios, for one kind against one emulator:
 *  - lifecycle: N resources, subject and baseline stacks stepped in lockstep
 *    (baseline, subject, baseline, subject…; the first of each pair alternates
 *    by repeat) through up from empty, no-change up, preview, refresh, destroy;
 *  - rotation: one key with K dependents; a no-change up and an up that
 *    rotates the key, alternating, on the same stack.
 */
import type { Emulator, AuditEntry } from "../emulator";
import type { Toolchain } from "../scripts/toolchain";
import { BENCH_APP, BENCH_ORG, type BenchKind } from "./kinds";
import { programSource, type Role } from "./program";
import { BenchStack, type ExportedResource, type RunTiming } from "./stack";

const DAY_MS = 86_400_000;

export const OPERATIONS = ["up from empty", "no-change up", "preview", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Emulator requests made during one CLI run. */
export interface ApiCalls {
    total: number;
    /** Token requests (`/identity_/connect/token`). */
    token: number;
    /** Requests to routes that change state. */
    mutating: number;
}

export interface Sample extends RunTiming {
    api: ApiCalls;
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
    /** Per operation, one sample per repeat, in run order. */
    samples: Record<Operation, Record<Role, Sample[]>>;
    state: Record<Role, StateSize>;
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

/** Runs one CLI operation and counts the emulator requests it made. */
async function measure(emulator: Emulator, run: () => Promise<RunTiming>): Promise<Sample> {
    const lastBefore = emulator.audit().at(-1)?.traceId;
    const timing = await run();
    const entries = emulator.audit();
    // The audit log is bounded: find where this run starts by the last entry seen before it.
    const since: AuditEntry[] = entries.slice(
        lastBefore === undefined ? 0 : entries.findIndex((e) => e.traceId === lastBefore) + 1,
    );
    return {
        ...timing,
        api: {
            total: since.length,
            token: since.filter((e) => e.path.endsWith("/connect/token")).length,
            mutating: since.filter((e) => e.mutating).length,
        },
    };
}

function stateSize(resources: ExportedResource[], type: string): StateSize {
    const ofKind = resources.filter((r) => r.type === type);
    const provider = ofKind[0]?.inputs?.__provider;
    return {
        providerChars: typeof provider === "string" ? provider.length : NaN,
        charsPerResource: ofKind.reduce((sum, r) => sum + JSON.stringify(r).length, 0) / ofKind.length,
    };
}

const run = (stack: BenchStack, op: Operation): Promise<RunTiming> => {
    switch (op) {
        case "up from empty":
        case "no-change up":
            return stack.up();
        case "preview":
            return stack.preview();
        case "refresh":
            return stack.refresh();
        case "destroy":
            return stack.destroy();
    }
};

const fmt = (s: Sample) =>
    `${(s.wallMs / 1000).toFixed(2)} s wall, ${(s.cpuMs / 1000).toFixed(2)} s cpu, ${s.api.total} calls`;

export async function lifecycle(ctx: ScenarioContext, n: number): Promise<LifecycleResult> {
    const { kind, emulator } = ctx;
    const stacks = {} as Record<Role, BenchStack>;
    const samples = Object.fromEntries(
        OPERATIONS.map((op) => [op, { subject: [], baseline: [] }]),
    ) as unknown as LifecycleResult["samples"];
    const state = {} as Record<Role, StateSize>;
    try {
        for (const role of ["baseline", "subject"] as const) {
            stacks[role] = await BenchStack.create(ctx.toolchain, stackEnv(emulator), ctx.packageDir);
            stacks[role].writeProgram(
                programSource({ kind, role, n, shaped: ctx.shapedBaseline === true && role === "baseline" }),
            );
        }
        for (let r = 0; r < ctx.repeats; r++) {
            const order: Role[] = r % 2 === 0 ? ["baseline", "subject"] : ["subject", "baseline"];
            for (const op of OPERATIONS) {
                for (const role of order) {
                    const sample = await measure(emulator, () => run(stacks[role], op));
                    samples[op][role].push(sample);
                    ctx.log(`${kind.name} N=${n} #${r + 1} ${op} ${role}: ${fmt(sample)}`);
                    if (r === 0 && op === "up from empty") {
                        const type =
                            role === "subject"
                                ? `pulumi-nodejs:dynamic/uipath:${kind.name}`
                                : "pulumi-nodejs:dynamic/bench:Noop";
                        state[role] = stateSize(await stacks[role].exportResources(), type);
                    }
                }
            }
        }
    } finally {
        for (const stack of Object.values(stacks)) stack.remove();
    }
    return { kind: kind.name, n, samples, state };
}

export async function rotation(ctx: ScenarioContext, dependents: number): Promise<RotationResult> {
    const { kind, emulator } = ctx;
    const stack = await BenchStack.create(ctx.toolchain, stackEnv(emulator), ctx.packageDir);
    const result: RotationResult = { kind: kind.name, dependents, noChange: [], rotation: [] };
    try {
        stack.writeProgram(programSource({ kind, role: "subject", n: 1, dependents }));
        // Each rotation on its own UTC day (the provider's clock): ExternalApplicationSecret refuses a
        // second rotation the same day, which would retire a previous secret consumers may still hold.
        const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
        const onDay = (n: number) => stack.withEnv({ UIPATH_KEYS_NOW: new Date(today + n * DAY_MS).toISOString() });
        await onDay(0).up();
        for (let r = 0; r < ctx.repeats; r++) {
            const noChange = await measure(emulator, () => onDay(r + 1).up());
            result.noChange.push(noChange);
            ctx.log(`${kind.name} K=${dependents} #${r + 1} no-change up: ${fmt(noChange)}`);
            stack.writeProgram(
                programSource({ kind, role: "subject", n: 1, dependents, trigger0: `rotation-${r + 1}` }),
            );
            const rotated = await measure(emulator, () => onDay(r + 1).up());
            result.rotation.push(rotated);
            ctx.log(`${kind.name} K=${dependents} #${r + 1} rotation up: ${fmt(rotated)}`);
        }
        await stack.destroy();
    } finally {
        stack.remove();
    }
    return result;
}
