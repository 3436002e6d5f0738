/**
 * Turns raw samples into the figures the benchmark reports (ratios
 * subject/baseline of interleaved pairs, against the no-op and the calling
 * baseline, growth with N, API calls by route, 429s, provider RSS, state
 * size, rotation cost) and renders them as tables.
 */
import { routeDifferences } from "./calls";
import {
    OPERATIONS,
    type Conditions,
    type LifecycleResult,
    type Operation,
    type RotationResult,
    type Sample,
    type StateSize,
} from "./scenarios";
import { fixed, median, ratios, slope, summarize, table, type Summary } from "./stats";

/** Medians of one role's runs of one operation. */
export interface RoleSummary {
    wallMs: number;
    cpuMs: number;
    /** Peak RSS of the provider process, MiB (NaN when not measured). */
    rssMiB: number;
    /** Emulator requests per run (medians). */
    api: { total: number; token: number; mutating: number; tooMany: number };
    /** Requests per route (median over the runs). */
    byRoute: Record<string, number>;
    /** Runs that failed (the CLI exited non-zero), of all runs. */
    failed: number;
}

export interface OperationSummary {
    /** subject/baseline of each interleaved pair. */
    ratio: { wall: Summary; cpu: Summary };
    /** subject/calling baseline of each interleaved triple (absent when the calling baseline was not run). */
    callingRatio?: { wall: Summary; cpu: Summary };
    subject: RoleSummary;
    baseline: RoleSummary;
    calling?: RoleSummary;
}

export interface LifecycleSummary {
    kind: string;
    n: number;
    /** The kind and the conditions, as the tables name a row ("ExternalApplicationSecret orgs=10 100ms limits"). */
    label: string;
    conditions?: Conditions;
    operations: Record<Operation, OperationSummary>;
    state: { subject?: StateSize; baseline?: StateSize; calling?: StateSize };
}

/** Milliseconds one more resource costs, from a least-squares line through the medians over N. */
export interface GrowthSummary {
    /** The lifecycle label (kind and conditions). */
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

function summarizeRole(samples: Sample[]): RoleSummary {
    const routes = [...new Set(samples.flatMap((s) => Object.keys(s.api.byRoute ?? {})))].sort();
    return {
        ...medians(samples),
        rssMiB: median(samples.map((s) => (s.rss?.peakKb ?? NaN) / 1024)),
        api: {
            total: median(samples.map((s) => s.api.total)),
            token: median(samples.map((s) => s.api.token)),
            mutating: median(samples.map((s) => s.api.mutating)),
            tooMany: median(samples.map((s) => s.api.tooMany ?? 0)),
        },
        byRoute: Object.fromEntries(routes.map((r) => [r, median(samples.map((s) => s.api.byRoute?.[r] ?? 0))])),
        failed: samples.filter((s) => s.failed !== undefined).length,
    };
}

const ratioSummary = (a: Sample[], b: Sample[]) => ({
    wall: summarize(
        ratios(
            a.map((s) => s.wallMs),
            b.map((s) => s.wallMs),
        ),
    ),
    cpu: summarize(
        ratios(
            a.map((s) => s.cpuMs),
            b.map((s) => s.cpuMs),
        ),
    ),
});

/**
 * "orgs=10 folders=2 100ms limits" for the conditions a lifecycle ran under ("read-limits": the
 * limits on the reading operations only, `--rate-limits reads`); "" for the defaults of old runs.
 */
export function conditionsLabel(c: Conditions | undefined): string {
    if (c === undefined) return "";
    return [
        c.layout.orgs === undefined ? "" : `orgs=${c.layout.orgs}`,
        c.layout.folders > 1 ? `folders=${c.layout.folders}` : "",
        `${c.latencyMs}ms`,
        { documented: "limits", reads: "read-limits", off: "no-limits" }[c.rateLimits],
    ]
        .filter((p) => p !== "")
        .join(" ");
}

export function summarizeLifecycle(result: LifecycleResult): LifecycleSummary {
    const operations = {} as Record<Operation, OperationSummary>;
    for (const op of OPERATIONS) {
        const { subject, baseline, calling } = result.samples[op];
        const hasCalling = calling !== undefined && calling.length > 0;
        operations[op] = {
            ratio: ratioSummary(subject, baseline),
            ...(hasCalling ? { callingRatio: ratioSummary(subject, calling) } : {}),
            subject: summarizeRole(subject),
            baseline: summarizeRole(baseline),
            ...(hasCalling ? { calling: summarizeRole(calling) } : {}),
        };
    }
    const label = `${result.kind} ${conditionsLabel(result.conditions)}`.trim();
    return {
        kind: result.kind,
        n: result.n,
        label,
        conditions: result.conditions,
        operations,
        state: { subject: result.state.subject, baseline: result.state.baseline, calling: result.state.calling },
    };
}

export function summarizeGrowth(summaries: LifecycleSummary[]): GrowthSummary[] {
    const labels = [...new Set(summaries.map((s) => s.label))];
    return labels.flatMap((kind) => {
        const ofKind = summaries.filter((s) => s.label === kind);
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

const mib = (value: number) => fixed(value, 0);
const callsCell = (r: RoleSummary | undefined) =>
    r === undefined ? "-" : `${r.api.total} / ${r.api.token} / ${r.api.mutating}`;

export function renderTables(
    lifecycle: LifecycleSummary[],
    growth: GrowthSummary[],
    rotation: RotationSummary[],
): string {
    const out: string[] = [];
    for (const label of [...new Set(lifecycle.map((s) => s.label))]) {
        const ofKind = lifecycle.filter((s) => s.label === label);
        out.push(`\n${label} / no-op baseline — ratio wall median (min) / cpu median (min)`);
        out.push(
            table(
                ["operation", ...ofKind.map((s) => `N=${s.n}`)],
                OPERATIONS.map((op) => [op, ...ofKind.map((s) => ratioCell(s.operations[op].ratio))]),
            ),
        );
        if (ofKind.some((s) => s.operations[OPERATIONS[0]].callingRatio !== undefined)) {
            out.push(
                `\n${label} / calling baseline (same calls, node:http) — ratio wall median (min) / cpu median (min)`,
            );
            out.push(
                table(
                    ["operation", ...ofKind.map((s) => `N=${s.n}`)],
                    OPERATIONS.map((op) => [
                        op,
                        ...ofKind.map((s) => {
                            const r = s.operations[op].callingRatio;
                            return r === undefined ? "-" : ratioCell(r);
                        }),
                    ]),
                ),
            );
        }
    }
    out.push(
        "\nMedian seconds: subject, no-op baseline, calling baseline (wall | cpu); API calls per run (total / token / mutating); " +
            "429s received; provider peak RSS MiB; failed runs",
    );
    out.push(
        table(
            [
                "kind",
                "N",
                "operation",
                "wall subj",
                "wall base",
                "wall call",
                "cpu subj",
                "cpu base",
                "cpu call",
                "calls subj t/tok/mut",
                "calls call t/tok/mut",
                "429 subj/call",
                "RSS subj/base/call",
                "failed subj/call",
            ],
            lifecycle.flatMap((s) =>
                OPERATIONS.map((op) => {
                    const o = s.operations[op];
                    return [
                        s.label,
                        String(s.n),
                        op,
                        secs(o.subject.wallMs),
                        secs(o.baseline.wallMs),
                        o.calling ? secs(o.calling.wallMs) : "-",
                        secs(o.subject.cpuMs),
                        secs(o.baseline.cpuMs),
                        o.calling ? secs(o.calling.cpuMs) : "-",
                        callsCell(o.subject),
                        callsCell(o.calling),
                        `${o.subject.api.tooMany} / ${o.calling?.api.tooMany ?? "-"}`,
                        `${mib(o.subject.rssMiB)} / ${mib(o.baseline.rssMiB)} / ${o.calling ? mib(o.calling.rssMiB) : "-"}`,
                        `${o.subject.failed} / ${o.calling?.failed ?? "-"}`,
                    ];
                }),
            ),
        ),
    );
    const routeRows = lifecycle.flatMap((s) =>
        OPERATIONS.flatMap((op) => {
            const o = s.operations[op];
            const calling = o.calling?.byRoute ?? {};
            const routes = [...new Set([...Object.keys(o.subject.byRoute), ...Object.keys(calling)])].sort();
            return routes.map((route) => [
                s.label,
                String(s.n),
                op,
                route,
                String(o.subject.byRoute[route] ?? 0),
                o.calling ? String(calling[route] ?? 0) : "-",
            ]);
        }),
    );
    if (routeRows.length > 0) {
        out.push("\nAPI calls by route per run (median): subject vs calling baseline");
        out.push(table(["kind", "N", "operation", "route", "subject", "calling"], routeRows));
        const differing = lifecycle.flatMap((s) =>
            OPERATIONS.flatMap((op) => {
                const o = s.operations[op];
                if (!o.calling) return [];
                const diff = routeDifferences(o.subject.byRoute, o.calling.byRoute);
                return diff.length === 0 ? [] : [`${s.label} N=${s.n} ${op}: ${diff.join("; ")}`];
            }),
        );
        out.push(
            differing.length === 0
                ? "The calling baseline made the subject's calls, route by route, in every operation."
                : `Operations where the calling baseline's calls differ from the subject's (subject/calling):\n  ${differing.join("\n  ")}`,
        );
    }
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
    out.push(
        "\nState (stack export): `__provider` characters and characters per resource, subject, no-op and calling baselines",
    );
    out.push(
        table(
            [
                "kind",
                "N",
                "__provider subj",
                "__provider base",
                "__provider call",
                "per resource subj",
                "per resource base",
                "per resource call",
            ],
            lifecycle.map((s) => [
                s.label,
                String(s.n),
                String(s.state.subject?.providerChars ?? "-"),
                String(s.state.baseline?.providerChars ?? "-"),
                String(s.state.calling?.providerChars ?? "-"),
                fixed(s.state.subject?.charsPerResource ?? NaN, 0),
                fixed(s.state.baseline?.charsPerResource ?? NaN, 0),
                fixed(s.state.calling?.charsPerResource ?? NaN, 0),
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
