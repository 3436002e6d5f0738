/**
 * The engine's steps in the operator's words: what the preview plans for this package's
 * resources and why, what rotated in `up`, and how long each dependent of a regenerated
 * single-phase key held the dead key.
 */
import type { OpType } from "@pulumi/pulumi/automation";
import { nameOf, type EngineLog, type StepRecord } from "./engineLog";
import { kindOf, SINGLE_PHASE_KINDS } from "./kinds";
import type { DeadKeyHolder, PlannedChange, Rotation } from "./report";
import { nextRotationOf } from "./stateFacts";

const PLANNED_OPS: readonly OpType[] = ["replace", "update", "delete"];
const text = (value: unknown): string | undefined =>
    typeof value === "string" || typeof value === "number" ? String(value) : undefined;
const passed = (at: unknown, now: number): boolean => typeof at === "string" && Date.parse(at) <= now;

/** Why the engine plans this step, from the inputs that changed and the old outputs. */
export function explain(step: StepRecord, now: number): string {
    const old = step.oldOutputs;
    const reasons: string[] = [];
    for (const key of step.keys) {
        if (key === "rotationTrigger") reasons.push("rotationTrigger changed");
        else if (key === "rotateAfter")
            reasons.push(`rotateAfter ${text(old.rotateAfter) ?? ""} elapsed (due ${text(old.rotationDueAt) ?? "?"})`);
        else reasons.push(`${key} changed`);
    }
    if (reasons.length > 0) return reasons.join("; ");
    if (step.op === "update" && old.keyFingerprint !== undefined && old.appliedKeyFingerprint !== old.keyFingerprint)
        return "regenerated outside Pulumi: dependents get the new key";
    if (old.secretExists === false) return "the current secret was deleted outside Pulumi";
    if (step.diffs.includes("rotationTrigger")) return "rotationTrigger changed";
    if (passed(old.expiresAt, now)) return `the secret expired at ${text(old.expiresAt)}`;
    if (passed(nextRotationOf(old), now)) return `rotation due at ${nextRotationOf(old)}`;
    if (passed(old.previousSecretRetiresAt, now))
        return `retires previous secret ${text(old.previousSecretId) ?? ""} (due at ${text(old.previousSecretRetiresAt)})`;
    return step.diffs.length > 0 ? `${step.diffs.join(", ")} changed` : step.op;
}

/** The preview's planned steps for this package's resources. */
export function plannedChanges(log: EngineLog, now: number): PlannedChange[] {
    return log
        .all()
        .filter((s) => PLANNED_OPS.includes(s.op) && kindOf(s.type))
        .map((s) => ({ resource: nameOf(s.urn), kind: kindOf(s.type)!, op: s.op, why: explain(s, now) }));
}

/** The urns of single-phase keys the preview plans to regenerate. */
export function regeneratedKeys(log: EngineLog): { urn: string; kind: string }[] {
    return log
        .all()
        .filter((s) => s.op === "replace" && SINGLE_PHASE_KINDS.has(kindOf(s.type) ?? ""))
        .map((s) => ({ urn: s.urn, kind: kindOf(s.type)! }));
}

/** What rotated in `up`: keys with a new fingerprint, secrets with a new secret id. */
export function rotations(preview: EngineLog, up: EngineLog, now: number): Rotation[] {
    const found: Rotation[] = [];
    for (const step of up.all()) {
        const kind = kindOf(step.type);
        if (!kind || step.failed || step.finishedAt === undefined) continue;
        if (!["create-replacement", "update"].includes(step.op)) continue;
        // The replace step carries why and the old outputs; create-replacement the new ones.
        const planned = preview.find(step.urn, ["replace", "update"]) ?? up.find(step.urn, ["replace", "update"]);
        const old = planned?.oldOutputs ?? step.oldOutputs;
        const field = old.keyFingerprint !== undefined ? "keyFingerprint" : "secretId";
        const from = text(old[field]);
        const to = text(step.newOutputs[field]);
        if (from === undefined || to === undefined || from === to) continue;
        found.push({
            resource: nameOf(step.urn),
            kind,
            why: planned ? explain(planned, now) : step.op,
            from,
            to,
            ...(text(step.newOutputs.rotatedAt) ? { rotatedAt: text(step.newOutputs.rotatedAt) } : {}),
            ...(nextRotationOf(step.newOutputs) ? { nextRotationAt: nextRotationOf(step.newOutputs) } : {}),
        });
    }
    return found;
}

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/**
 * How long each dependent held the dead key: from the key's replacement starting (the
 * regeneration happens inside it) to the dependent's own step finishing. Engine timestamps
 * are whole seconds (`EngineEvent.timestamp`: "a Unix timestamp (seconds)", @pulumi/pulumi
 * 3.248.0 automation/events.d.ts), so a window under a second reads 0.
 */
export function deadKeyWindows(holders: DeadKeyHolder[], up: EngineLog): DeadKeyHolder[] {
    return holders.map((holder) => {
        const { window: _w, stillDead: _s, ...rest } = holder;
        const keyStep = up.all().find((s) => s.op === "create-replacement" && nameOf(s.urn) === holder.key);
        if (!keyStep?.startedAt || keyStep.finishedAt === undefined) return rest; // not regenerated after all
        const own = up
            .all()
            .find(
                (s) =>
                    nameOf(s.urn) === holder.resource &&
                    s.type === holder.type &&
                    ["update", "create-replacement"].includes(s.op),
            );
        if (!own || own.failed || own.finishedAt === undefined) return { ...rest, stillDead: true };
        const window = {
            seconds: Math.max(0, own.finishedAt - keyStep.startedAt),
            from: iso(keyStep.startedAt),
            to: iso(own.finishedAt),
        };
        return { ...rest, window };
    });
}
