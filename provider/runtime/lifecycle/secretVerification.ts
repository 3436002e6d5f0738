/**
 * `verify` of `ExternalApplicationSecret`: a new secret is tried at the token endpoint before it
 * is handed out. A secret UiPath just generated may be refused for a while: Identity is Duende
 * IdentityServer, whose client configuration can be served from a cache
 * (https://docs.duendesoftware.com/identityserver/data/configuration, "Caching Configuration
 * Data"); UiPath documents no delay. So a refusal is retried with a growing pause, up to a bound
 * (`verifyTimeout`, default {@link DEFAULT_VERIFY_TIMEOUT}). Pauses are counted, not measured:
 * the provider's clock may be fixed (`UIPATH_KEYS_NOW`), and the bound is the sum of the pauses.
 */
import { setTimeout as sleepMs } from "node:timers/promises";

/** How long a new secret may take to be accepted when `verifyTimeout` is not set. */
export const DEFAULT_VERIFY_TIMEOUT = "2m";
/** The longest `verifyTimeout`: an `up` should not hang on a secret for longer. */
export const MAX_VERIFY_TIMEOUT = "15m";

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 15_000;

/** The pauses between attempts: 1 s, doubling, at most 15 s each, adding up to exactly `timeoutMs`. */
export function verifyPausesMs(timeoutMs: number): number[] {
    const pauses: number[] = [];
    let total = 0;
    for (let next = FIRST_PAUSE_MS; total < timeoutMs; next *= 2) {
        const pause = Math.min(next, LONGEST_PAUSE_MS, timeoutMs - total);
        pauses.push(pause);
        total += pause;
    }
    return pauses;
}

export interface VerifyOutcome {
    accepted: boolean;
    /** How many token requests were made. */
    attempts: number;
}

/**
 * Tries until `attempt` answers true or the pauses run out (one attempt more than pauses).
 * Whatever `attempt` throws is thrown.
 */
export async function tryUntilAccepted(
    attempt: () => Promise<boolean>,
    pauses: readonly number[],
    sleep: (ms: number) => Promise<unknown> = sleepMs,
): Promise<VerifyOutcome> {
    for (let i = 0; ; i++) {
        if (await attempt()) return { accepted: true, attempts: i + 1 };
        const pause = pauses[i];
        if (pause === undefined) return { accepted: false, attempts: i + 1 };
        await sleep(pause);
    }
}
