/**
 * The JSON report of `pulumi-uipath-keys rotate`, and the lines it prints. Everything in it is
 * built from named, non-secret fields (names, kinds, fingerprints, secret ids, times, the
 * engine's one-line errors): never from a resource's outputs as a whole.
 */

/** One resource the preview plans to change, and why. */
export interface PlannedChange {
    resource: string;
    kind: string;
    /** The engine's step: replace (a key regenerated), update (a secret rotated or retired), … */
    op: string;
    why: string;
}

/** One credential that rotated in this run. */
export interface Rotation {
    resource: string;
    kind: string;
    why: string;
    /** Fingerprint (keys) or secret id (secrets) before and after. */
    from?: string;
    to?: string;
    rotatedAt?: string;
    nextRotationAt?: string;
}

/** A resource that holds a single-phase key the run regenerates. */
export interface DeadKeyHolder {
    /** The key resource. */
    key: string;
    keyKind: string;
    /** The dependent. */
    resource: string;
    type: string;
    /** The dependent's inputs that take a value of the key. */
    inputs: string[];
    /** After `up`: from the key's regeneration starting to the dependent's update finishing (engine timestamps, whole seconds). */
    window?: { seconds: number; from: string; to: string };
    /** After `up`: the dependent's update did not finish, so it still holds the dead key. */
    stillDead?: boolean;
}

/** A credential whose rotation comes due within the horizon. */
export interface Due {
    resource: string;
    kind: string;
    dueAt: string;
}

/** A secret that expires within the horizon with no rotation due before it. */
export interface UncoveredExpiry {
    resource: string;
    kind: string;
    expiresAt: string;
    nextRotationAt?: string;
}

export interface StackReport {
    stack: string;
    ok: boolean;
    /** True when the preview planned no change and `up` was not run. */
    upToDate: boolean;
    planned: PlannedChange[];
    rotated: Rotation[];
    deadKeyHolders: DeadKeyHolder[];
    due: Due[];
    expiringUncovered: UncoveredExpiry[];
    /** The provider's notices (`uipath: …` lines). */
    notices: string[];
    /** One line each. */
    failures: string[];
}

export interface NotificationOutcome {
    /** Scheme, host and port only: a webhook's path or query often holds its token. */
    target: string;
    delivered: boolean;
    attempts: number;
    status?: number;
    error?: string;
}

export interface RotateReport {
    command: "rotate";
    dryRun: boolean;
    startedAt: string;
    finishedAt?: string;
    /** The time "due" is measured from (the provider's clock). */
    now: string;
    horizon: string;
    horizonEndsAt: string;
    ok: boolean;
    stacks: StackReport[];
    notification?: NotificationOutcome;
}

export function emptyStackReport(stack: string): StackReport {
    return {
        stack,
        ok: true,
        upToDate: false,
        planned: [],
        rotated: [],
        deadKeyHolders: [],
        due: [],
        expiringUncovered: [],
        notices: [],
        failures: [],
    };
}

/** What the preview found: planned changes, and who will hold a dead key. */
export function previewLines(s: StackReport): string[] {
    const lines = s.planned.map((p) => `${s.stack}: ${p.op} ${p.resource} (${p.kind}): ${p.why}`);
    if (s.planned.length === 0 && s.failures.length === 0) lines.push(`${s.stack}: nothing to rotate`);
    for (const d of s.deadKeyHolders)
        lines.push(
            `${s.stack}: ${d.resource} (${d.type}) will hold the dead key of ${d.key} (${d.keyKind}) between its regeneration and its own update`,
        );
    return lines;
}

/** What `up` did: rotations, and how long each dependent held the dead key. */
export function outcomeLines(s: StackReport): string[] {
    const lines: string[] = [];
    for (const r of s.rotated)
        lines.push(`${s.stack}: rotated ${r.resource} (${r.kind}) ${r.from ?? "?"} -> ${r.to ?? "?"}: ${r.why}`);
    for (const d of s.deadKeyHolders) {
        if (d.window)
            lines.push(
                `${s.stack}: ${d.resource} held the dead key of ${d.key} for ${d.window.seconds} s (${d.window.from} to ${d.window.to})`,
            );
        else if (d.stillDead)
            lines.push(`${s.stack}: ${d.resource} still holds the dead key of ${d.key}: its update did not finish`);
    }
    return lines;
}

/** What the state says after the run (due, uncovered expiries) and the failures. */
export function closingLines(s: StackReport, horizonEndsAt: string): string[] {
    return [
        ...s.due.map((d) => `${s.stack}: due by ${horizonEndsAt}: ${d.resource} (${d.kind}) at ${d.dueAt}`),
        ...s.expiringUncovered.map(
            (e) =>
                `${s.stack}: ${e.resource} (${e.kind}) expires at ${e.expiresAt} and no rotation comes due before it${e.nextRotationAt ? ` (next at ${e.nextRotationAt})` : ""}`,
        ),
        ...s.failures.map((f) => `${s.stack}: failed: ${f}`),
    ];
}
