/**
 * The two-phase rotation of an external application's client secret, as pure functions of the
 * resource's state, its new inputs and "now" (the provider's one clock), so `diff` (what the
 * preview shows) and `update` (what happens) decide the same thing.
 *
 *   state:   current secret C (consumers hold it), previous secret P (still valid), maybe none.
 *   rotate:  generate N → C becomes previous → delete P.   Result: current N, previous C.
 *   retire:  `overlap` has passed since the rotation → delete the previous secret only.
 *
 * C is never deleted by the rotation that replaces it, so at every moment the secret a consumer
 * holds works, and the new one works as soon as it is handed over in the same run.
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

/** One line for the preview: which secret a rotation creates and which it retires. */
export function describePlan(plan: Plan, olds: SecretFacts, what: string): string | undefined {
    if (plan.rotate) {
        const keep =
            olds.secretExists === false ? "" : `; secret ${olds.secretId} becomes the previous secret and stays valid`;
        const retire =
            olds.previousSecretId !== undefined
                ? `; retires previous secret ${olds.previousSecretId}`
                : "; no previous secret to retire";
        return `${what}: rotation due (${plan.rotate}): generates a new secret${keep}${retire}.`;
    }
    const retire = plan.retirePrevious
        ? `retires previous secret ${olds.previousSecretId} (${plan.retirePrevious})`
        : undefined;
    if (plan.waiting) return `${what}: ${plan.waiting}${retire ? `; meanwhile ${retire}` : ""}.`;
    if (retire) return `${what}: ${retire}.`;
    return undefined;
}
