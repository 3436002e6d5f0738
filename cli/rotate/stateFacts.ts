/**
 * What the command reads from a stack's state (`stack export`): who depends on a key, what comes
 * due within the horizon, and which secrets expire before any rotation. Only plain fields are
 * read; secret outputs stay the ciphertext the export holds.
 */
import type { DeadKeyHolder, Due, UncoveredExpiry } from "./report";
import { kindOf } from "./kinds";
import { nameOf } from "./engineLog";

/** One resource of an exported deployment (the fields read here). */
export interface StateResource {
    urn: string;
    type: string;
    outputs?: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

/** The resources of `stack.exportStack()`'s deployment. */
export function stateResources(deployment: { deployment?: { resources?: StateResource[] } }): StateResource[] {
    return deployment.deployment?.resources ?? [];
}

/**
 * The resources whose inputs take a value of the key at `keyUrn`: they hold the key itself.
 * A resource that only waits for the key (`dependsOn`) records no property dependency and is left out.
 */
export function dependentsOf(
    resources: readonly StateResource[],
    keyUrn: string,
): Pick<DeadKeyHolder, "resource" | "type" | "inputs">[] {
    const found: Pick<DeadKeyHolder, "resource" | "type" | "inputs">[] = [];
    for (const r of resources) {
        if (r.urn === keyUrn || r.type.startsWith("pulumi:providers:")) continue;
        const inputs = Object.entries(r.propertyDependencies ?? {})
            .filter(([, urns]) => urns.includes(keyUrn))
            .map(([input]) => input)
            .sort();
        if (inputs.length > 0) found.push({ resource: nameOf(r.urn), type: r.type, inputs });
    }
    return found;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** When the resource's next rotation comes due, as the resource says it (`nextRotationAt` or `rotationDueAt`). */
export function nextRotationOf(outputs: Record<string, unknown> | undefined): string | undefined {
    return text(outputs?.nextRotationAt) ?? text(outputs?.rotationDueAt);
}

/** This package's resources whose rotation comes due at or before `until` (overdue included), soonest first. */
export function dueWithin(resources: readonly StateResource[], until: number): Due[] {
    const due: Due[] = [];
    for (const r of resources) {
        const kind = kindOf(r.type);
        const dueAt = nextRotationOf(r.outputs);
        if (kind && dueAt && Date.parse(dueAt) <= until) due.push({ resource: nameOf(r.urn), kind, dueAt });
    }
    return due.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/**
 * Secrets that expire at or before `until` while no rotation comes due before their expiry
 * (an expiry without `renewBefore` makes the rotation due only at the expiry itself): their
 * consumers would hold an expired secret until the next run.
 */
export function expiringUncovered(resources: readonly StateResource[], until: number): UncoveredExpiry[] {
    const found: UncoveredExpiry[] = [];
    for (const r of resources) {
        const kind = kindOf(r.type);
        const expiresAt = text(r.outputs?.expiresAt);
        if (!kind || !expiresAt || Date.parse(expiresAt) > until) continue;
        const next = nextRotationOf(r.outputs);
        if (next && Date.parse(next) < Date.parse(expiresAt)) continue;
        found.push({ resource: nameOf(r.urn), kind, expiresAt, ...(next ? { nextRotationAt: next } : {}) });
    }
    return found.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
