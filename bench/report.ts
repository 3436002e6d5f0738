/**
 * Turns raw samples into the figures the benchmark reports (ratios
 * subject/baseline of interleaved pairs, growth with N, API calls, state
 * size, rotation cost) and renders them as tables.
 */
import {
    OPERATIONS,
    type LifecycleResult,
    type Operation,
    type RotationResult,
    type Sample,
    type StateSize,
} from "./scenarios";
import { fixed, median, ratios, slope, summarize, table, type Summary } from "./stats";

export interface OperationSummary {
    /** subject/baseline of each interleaved pair. */
    ratio: { wall: Summary; cpu: Summary };
    /** Medians in milliseconds. */
    subject: { wallMs: number; cpuMs: number };
    baseline: { wallMs: number; cpuMs: number };
    /** The subject's emulator requests per run (median; the baseline makes none). */
    api: { total: number; token: number; mutating: number };
}

export interface LifecycleSummary {
    kind: string;
    n: number;
    operations: Record<Operation, OperationSummary>;
    state: { subject: StateSize; baseline: StateSize };
}

/** Milliseconds one more resource costs, from a least-squares line through the medians over N. */
export interface GrowthSummary {
    kind: string;
    operation: Operation;
    subject: { wallMs: number; cpuMs: number };
    baseline: { wallMs: number; cpuMs: number };
}

export interface RotationSummary {
    kind: string;
    dependents: number;
    noChange: { wallMs: number; cpuMs: number; api: number[] };
    rotation: { wallMs: number; cpuMs: number; mutating: number[]; token: number[] };
    /** rotation/no-change of each pair. */
    ratio: { wall: Summary; cpu: Summary };
}

const medians = (samples: Sample[]) => ({
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
});

export function summarizeLifecycle(result: LifecycleResult): LifecycleSummary {
    const operations = {} as Record<Operation, OperationSummary>;
    for (const op of OPERATIONS) {
        const { subject, baseline } = result.samples[op];
        operations[op] = {
            ratio: {
                wall: summarize(
                    ratios(
                        subject.map((s) => s.wallMs),
                        baseline.map((s) => s.wallMs),
                    ),
                ),
                cpu: summarize(
                    ratios(
                        subject.map((s) => s.cpuMs),
                        baseline.map((s) => s.cpuMs),
                    ),
                ),
            },
            subject: medians(subject),
            baseline: medians(baseline),
            api: {
                total: median(subject.map((s) => s.api.total)),
                token: median(subject.map((s) => s.api.token)),
                mutating: median(subject.map((s) => s.api.mutating)),
            },
        };
    }
    return { kind: result.kind, n: result.n, operations, state: result.state };
}

export function summarizeGrowth(summaries: LifecycleSummary[]): GrowthSummary[] {
    const kinds = [...new Set(summaries.map((s) => s.kind))];
    return kinds.flatMap((kind) => {
        const ofKind = summaries.filter((s) => s.kind === kind);
        if (ofKind.length < 2) return [];
        return OPERATIONS.map((operation) => {
            const per = (role: "subject" | "baseline", field: "wallMs" | "cpuMs") =>
                slope(ofKind.map((s) => ({ x: s.n, y: s.operations[operation][role][field] })));
            return {
                kind,
                operation,
                subject: { wallMs: per("subject", "wallMs"), cpuMs: per("subject", "cpuMs") },
                baseline: { wallMs: per("baseline", "wallMs"), cpuMs: per("baseline", "cpuMs") },
            };
        });
    });
}

export function summarizeRotation(result: RotationResult): RotationSummary {
    return {
        kind: result.kind,
        dependents: result.dependents,
        noChange: { ...medians(result.noChange), api: result.noChange.map((s) => s.api.total) },
        rotation: {
            ...medians(result.rotation),
            mutating: result.rotation.map((s) => s.api.mutating),
            token: result.rotation.map((s) => s.api.token),
        },
        ratio: {
            wall: summarize(
                ratios(
                    result.rotation.map((s) => s.wallMs),
                    result.noChange.map((s) => s.wallMs),
                ),
            ),
            cpu: summarize(
                ratios(
                    result.rotation.map((s) => s.cpuMs),
                    result.noChange.map((s) => s.cpuMs),
                ),
            ),
        },
    };
}

const ratioCell = (r: OperationSummary["ratio"]) =>
    `${fixed(r.wall.median)} (${fixed(r.wall.min)}) / ${fixed(r.cpu.median)} (${fixed(r.cpu.min)})`;
const secs = (ms: number) => fixed(ms / 1000);

export function renderTables(
    lifecycle: LifecycleSummary[],
    growth: GrowthSummary[],
    rotation: RotationSummary[],
): string {
    const out: string[] = [];
    for (const kind of [...new Set(lifecycle.map((s) => s.kind))]) {
        const ofKind = lifecycle.filter((s) => s.kind === kind);
        out.push(`\n${kind} / no-op baseline — ratio wall median (min) / cpu median (min)`);
        out.push(
            table(
                ["operation", ...ofKind.map((s) => `N=${s.n}`)],
                OPERATIONS.map((op) => [op, ...ofKind.map((s) => ratioCell(s.operations[op].ratio))]),
            ),
        );
    }
    out.push(
        "\nMedian seconds, subject vs baseline (wall | cpu); API calls of the subject per run (total / token / mutating)",
    );
    out.push(
        table(
            ["kind", "N", "operation", "wall subj", "wall base", "cpu subj", "cpu base", "calls t/tok/mut"],
            lifecycle.flatMap((s) =>
                OPERATIONS.map((op) => {
                    const o = s.operations[op];
                    return [
                        s.kind,
                        String(s.n),
                        op,
                        secs(o.subject.wallMs),
                        secs(o.baseline.wallMs),
                        secs(o.subject.cpuMs),
                        secs(o.baseline.cpuMs),
                        `${o.api.total} / ${o.api.token} / ${o.api.mutating}`,
                    ];
                }),
            ),
        ),
    );
    if (growth.length > 0) {
        out.push("\nGrowth with N: milliseconds per extra resource (slope of the medians), wall | cpu");
        out.push(
            table(
                ["kind", "operation", "wall subj", "wall base", "cpu subj", "cpu base", "cpu overhead"],
                growth.map((g) => [
                    g.kind,
                    g.operation,
                    fixed(g.subject.wallMs, 0),
                    fixed(g.baseline.wallMs, 0),
                    fixed(g.subject.cpuMs, 0),
                    fixed(g.baseline.cpuMs, 0),
                    fixed(g.subject.cpuMs - g.baseline.cpuMs, 0),
                ]),
            ),
        );
    }
    out.push("\nState (stack export): `__provider` characters and characters per resource, subject vs baseline");
    out.push(
        table(
            ["kind", "N", "__provider subj", "__provider base", "per resource subj", "per resource base"],
            lifecycle.map((s) => [
                s.kind,
                String(s.n),
                String(s.state.subject.providerChars),
                String(s.state.baseline.providerChars),
                fixed(s.state.subject.charsPerResource, 0),
                fixed(s.state.baseline.charsPerResource, 0),
            ]),
        ),
    );
    if (rotation.length > 0) {
        out.push(
            "\nRotation of one key with K dependents vs a no-change up of the same stack (median seconds; ratio median (min))",
        );
        out.push(
            table(
                [
                    "kind",
                    "K",
                    "no-change wall",
                    "rotation wall",
                    "no-change cpu",
                    "rotation cpu",
                    "ratio wall",
                    "ratio cpu",
                    "mutating/rotation",
                    "calls no-change",
                ],
                rotation.map((r) => [
                    r.kind,
                    String(r.dependents),
                    secs(r.noChange.wallMs),
                    secs(r.rotation.wallMs),
                    secs(r.noChange.cpuMs),
                    secs(r.rotation.cpuMs),
                    `${fixed(r.ratio.wall.median)} (${fixed(r.ratio.wall.min)})`,
                    `${fixed(r.ratio.cpu.median)} (${fixed(r.ratio.cpu.min)})`,
                    r.rotation.mutating.join(","),
                    r.noChange.api.join(","),
                ]),
            ),
        );
    }
    return out.join("\n");
}
