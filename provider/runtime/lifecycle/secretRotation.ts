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

/** The inputs that decide rotations. */
export interface RotationInputs {
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
    /** Why the previous secret is deleted without a rotation (overlap over), or undefined. */
    retirePrevious?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Decides what the next `up` does to the secrets. */
export function planRotation(olds: SecretFacts, news: RotationInputs, now: number): Plan {
    const rotate = rotationReason(olds, news, now);
    if (rotate) return { rotate };
    if (
        olds.previousSecretId !== undefined &&
        news.overlap &&
        now >= Date.parse(olds.rotatedAt) + parseDurationMs(news.overlap)
    ) {
        return { retirePrevious: `overlap ${news.overlap} has passed since ${olds.rotatedAt}` };
    }
    return {};
}

function rotationReason(olds: SecretFacts, news: RotationInputs, now: number): string | undefined {
    if (olds.secretExists === false) return "the current secret was deleted outside Pulumi";
    if ((olds.rotationTrigger ?? "") !== (news.rotationTrigger ?? "")) return "rotationTrigger changed";
    if ((olds.expiryRule ?? "none") !== expiryRule(news)) {
        return "the expiry settings changed (UiPath cannot change a secret's expiry)";
    }
    if (news.rotateAfter && now >= Date.parse(olds.rotatedAt) + parseDurationMs(news.rotateAfter)) {
        return `rotateAfter ${news.rotateAfter} has passed since ${olds.rotatedAt}`;
    }
    if (olds.expiresAt) {
        const expiry = Date.parse(olds.expiresAt);
        if (now >= expiry) return `the secret expired at ${olds.expiresAt}`;
        if (news.renewBefore && now >= expiry - parseDurationMs(news.renewBefore)) {
            return `the secret expires at ${olds.expiresAt}, within renewBefore ${news.renewBefore}`;
        }
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
    if (plan.retirePrevious)
        return `${what}: retires previous secret ${olds.previousSecretId} (${plan.retirePrevious}).`;
    return undefined;
}
