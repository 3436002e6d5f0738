/**
 * The two-phase rotation of an external application's client secret, as pure functions of the
 * resource's state, its new inputs and "now" (the provider's one clock), so `diff` (what the
 * preview shows) and `update` (what happens) decide the same thing.
 *
 *   state:   current secret C (consumers hold it), previous secret P (still valid), maybe none.
 *   rotate:  generate N → C becomes previous → delete P.   Result: current N, previous C.
 *   retire:  `overlap` has passed since the rotation → delete the previous secret only.
 *   emergency (a leaked secret): generate N → delete P and C in the same run. Result: current N only.
 *
 * C is never deleted by the rotation that replaces it, so at every moment the secret a consumer
 * holds works, and the new one works as soon as it is handed over in the same run. `emergency`
 * is the one exception, on purpose.
 *
 * The overlap guard ({@link rotationRefusal}): P became the previous secret when C was generated
 * (`rotatedAt`); consumers that have not run since may still hold P. A rotation that retires P
 * before `overlap` has passed since then (or, with no `overlap`, on the same UTC day) is refused
 * in `diff`, so at preview, before any call: a second rotation soon after the first would kill
 * the secret those consumers hold ("double rotation invalidates the first", Pulumi ESC). The
 * guard builds on `overlap`, the input that already says how long P stays valid after a rotation.
 */
import { parseDurationMs } from "./rotation";
import type { RotationCause } from "./rotationHistory";
import { rotationWait, type WindowInputs } from "./rotationWindow";

/** The inputs that decide rotations. */
export interface RotationInputs extends WindowInputs {
    rotationTrigger?: string;
    rotateAfter?: string;
    renewBefore?: string;
    overlap?: string;
    expiresAt?: string;
    expiresAfter?: string;
    /** Rotate with no grace: the rotation retires every older secret (needs a rotation cause). */
    emergency?: boolean;
}

/** What the state holds about the secrets (outputs of the last run or refresh). */
export interface SecretFacts extends Omit<RotationInputs, "expiresAt"> {
    secretId: number;
    /** Expiry of the current secret (ISO), if it has one (an output: the input of that name may be absent). */
    expiresAt?: string;
    /** {@link expiryRule} of the inputs that made the current secret. */
    expiryRule?: string;
    rotatedAt: string;
    /** False when a refresh found the current secret deleted outside Pulumi. */
    secretExists?: boolean;
    previousSecretId?: number;
}

export interface Plan {
    /** Why a new secret is due, or undefined. */
    rotate?: string;
    /** What caused it, for the history. */
    cause?: RotationCause;
    /** A rotation due by age or renewal that waits for its window or group day: the notice's text. */
    waiting?: string;
    /** Why the previous secret is deleted without a rotation (overlap over), or undefined. */
    retirePrevious?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Decides what the next `up` does to the secrets. */
export function planRotation(olds: SecretFacts, news: RotationInputs, now: number): Plan {
    const due = rotationReason(olds, news, now);
    let waiting: string | undefined;
    if (due) {
        // A secret that is gone or expired already broke its consumers: waiting helps no one.
        const wait = due.canWait ? rotationWait(news, now) : undefined;
        if (!wait) return { rotate: due.reason, cause: due.cause };
        waiting = `due (${due.reason}), waiting for ${wait.what}`;
    }
    const plan: Plan = waiting ? { waiting } : {};
    if (
        olds.previousSecretId !== undefined &&
        news.overlap &&
        now >= Date.parse(olds.rotatedAt) + parseDurationMs(news.overlap)
    ) {
        return { ...plan, retirePrevious: `overlap ${news.overlap} has passed since ${olds.rotatedAt}` };
    }
    return plan;
}

/** Why a rotation is due, what caused it, and whether a window may hold it back. */
interface Due {
    reason: string;
    cause: RotationCause;
    canWait: boolean;
}

function rotationReason(olds: SecretFacts, news: RotationInputs, now: number): Due | undefined {
    const due = (reason: string, cause: RotationCause, canWait = false): Due => ({ reason, cause, canWait });
    if (olds.secretExists === false) return due("the current secret was deleted outside Pulumi", "deletedOutside");
    if ((olds.rotationTrigger ?? "") !== (news.rotationTrigger ?? "")) return due("rotationTrigger changed", "trigger");
    if ((olds.expiryRule ?? "none") !== expiryRule(news)) {
        return due("the expiry settings changed (UiPath cannot change a secret's expiry)", "trigger");
    }
    if (olds.expiresAt && now >= Date.parse(olds.expiresAt))
        return due(`the secret expired at ${olds.expiresAt}`, "expiry");
    if (news.rotateAfter && now >= Date.parse(olds.rotatedAt) + parseDurationMs(news.rotateAfter)) {
        return due(`rotateAfter ${news.rotateAfter} has passed since ${olds.rotatedAt}`, "age", true);
    }
    if (olds.expiresAt && news.renewBefore && now >= Date.parse(olds.expiresAt) - parseDurationMs(news.renewBefore)) {
        return due(`the secret expires at ${olds.expiresAt}, within renewBefore ${news.renewBefore}`, "expiry", true);
    }
    return undefined;
}

/** How the inputs set the expiry, to tell a changed setting from a computed expiry. */
export function expiryRule(news: RotationInputs): string {
    return news.expiresAt ? `at ${news.expiresAt}` : news.expiresAfter ? `after ${news.expiresAfter}` : "none";
}

/** The expiry to give a secret generated now: `expiresAt`, or `expiresAfter` from now, or none. */
export function newSecretExpiry(news: RotationInputs, now: number): string | undefined {
    if (news.expiresAt) return iso(Date.parse(news.expiresAt));
    if (news.expiresAfter) return iso(now + parseDurationMs(news.expiresAfter));
    return undefined;
}

/** When the next rotation is scheduled (rotateAfter, or renewBefore ahead of expiry), if any. */
export function nextRotationAt(
    news: RotationInputs,
    rotatedAt: string,
    secretExpiresAt: string | undefined,
): string | undefined {
    const candidates: number[] = [];
    if (news.rotateAfter) candidates.push(Date.parse(rotatedAt) + parseDurationMs(news.rotateAfter));
    if (secretExpiresAt)
        candidates.push(Date.parse(secretExpiresAt) - (news.renewBefore ? parseDurationMs(news.renewBefore) : 0));
    return candidates.length > 0 ? iso(Math.min(...candidates)) : undefined;
}

/**
 * When the previous secret will be deleted: `overlap` after the rotation, else at the next
 * scheduled rotation; undefined when only a trigger change will retire it.
 */
export function previousRetiresAt(
    news: RotationInputs,
    rotatedAt: string,
    nextRotation: string | undefined,
): string | undefined {
    if (news.overlap) {
        const end = Date.parse(rotatedAt) + parseDurationMs(news.overlap);
        return iso(nextRotation ? Math.min(end, Date.parse(nextRotation)) : end);
    }
    return nextRotation;
}

/**
 * The secrets a rotation deletes, oldest first: the previous one; with `emergency`, the current
 * one too. When the current secret was deleted outside Pulumi, the previous one stays the
 * previous one (consumers may still hold it, and nothing replaced it as previous).
 */
export function retiredByRotation(olds: SecretFacts, news: RotationInputs): number[] {
    const current = olds.secretExists === false ? [] : [olds.secretId];
    const previous = olds.previousSecretId === undefined ? [] : [olds.previousSecretId];
    if (news.emergency) return [...previous, ...current];
    return olds.secretExists === false ? [] : previous;
}

/** The secret that is the previous one after a rotation (undefined with `emergency`). */
export function previousAfterRotation(olds: SecretFacts, news: RotationInputs): number | undefined {
    if (news.emergency) return undefined;
    return olds.secretExists === false ? olds.previousSecretId : olds.secretId;
}

/**
 * When retiring the previous secret stops being a risk to consumers: `overlap` after it was
 * superseded (`rotatedAt`), or without `overlap`, the next UTC midnight after that.
 */
export function previousSafeAt(olds: Pick<SecretFacts, "rotatedAt">, news: RotationInputs): number {
    const superseded = Date.parse(olds.rotatedAt);
    if (news.overlap) return superseded + parseDurationMs(news.overlap);
    const d = new Date(superseded);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/**
 * Why `diff` must refuse this plan (one line naming the field and what to do), or undefined:
 * `emergency` with nothing to rotate, or a rotation that would retire a previous secret before
 * it is safe (see the guard above) without `emergency`.
 */
export function rotationRefusal(plan: Plan, olds: SecretFacts, news: RotationInputs, now: number, what: string) {
    if (news.emergency && !plan.rotate) {
        return `${what}: emergency: true needs a rotation cause in the same run (change rotationTrigger); it rotates nothing by itself. If the emergency rotation has run, remove emergency, so later rotations keep their grace.`;
    }
    if (!plan.rotate || news.emergency) return undefined;
    const retired = retiredByRotation(olds, news)[0];
    if (retired === undefined) return undefined;
    const safeAt = previousSafeAt(olds, news);
    if (now >= safeAt) return undefined;
    const rule = news.overlap ? `less than overlap ${news.overlap} ago` : "earlier this UTC day (no overlap set)";
    return `${what}: rotation refused (${plan.rotate}): it would retire previous secret ${retired}, which consumers may still hold: it was superseded at ${olds.rotatedAt}, ${rule}. It is safe to retire from ${iso(safeAt)}: run up then, or set emergency: true to rotate now and retire every older secret.`;
}

/** One line for the preview: which secret a rotation creates and which it retires. */
export function describePlan(
    plan: Plan,
    olds: SecretFacts,
    what: string,
    news: Pick<RotationInputs, "emergency"> & { verify?: boolean } = {},
): string | undefined {
    const verify = news.verify ? " (tried at the token endpoint before it is handed out)" : "";
    if (plan.rotate && news.emergency) {
        const retired = retiredByRotation(olds, news);
        const names = retired.length > 0 ? `secret(s) ${retired.join(", ")}` : "no older secret (none is left)";
        return `${what}: EMERGENCY rotation (${plan.rotate}): generates a new secret${verify} and retires every older secret in this run, with no grace: deletes ${names}; consumers still holding them fail until they get the new secret.`;
    }
    if (plan.rotate) {
        const keep =
            olds.secretExists === false ? "" : `; secret ${olds.secretId} becomes the previous secret and stays valid`;
        const stays =
            olds.secretExists === false && olds.previousSecretId !== undefined
                ? `; previous secret ${olds.previousSecretId} stays the previous secret`
                : undefined;
        const retire =
            stays ??
            (olds.previousSecretId !== undefined
                ? `; retires previous secret ${olds.previousSecretId}`
                : "; no previous secret to retire");
        return `${what}: rotation due (${plan.rotate}): generates a new secret${verify}${keep}${retire}.`;
    }
    const retire = plan.retirePrevious
        ? `retires previous secret ${olds.previousSecretId} (${plan.retirePrevious})`
        : undefined;
    if (plan.waiting) return `${what}: ${plan.waiting}${retire ? `; meanwhile ${retire}` : ""}.`;
    if (retire) return `${what}: ${retire}.`;
    return undefined;
}
