/**
 * How long to wait before retry number `attempt` (1-based). Honours a server's
 * `Retry-After` (seconds or an HTTP date, capped), else backs off exponentially
 * with jitter. Pure, so tests pass their own clock and randomness.
 */
export interface RetryDelayInput {
    attempt: number;
    /** The `Retry-After` header, if the response had one. */
    retryAfter?: string;
    /** "now" in epoch ms, for HTTP-date `Retry-After` values. */
    now: number;
    /** A number in [0, 1), for jitter. */
    random: number;
    baseMs?: number;
    /** Cap of the backoff without `Retry-After`. */
    maxMs?: number;
    /** Cap of a `Retry-After` wait. */
    retryAfterMaxMs?: number;
}

export const defaultRetryBaseMs = 250;
export const defaultRetryMaxMs = 30_000;
/**
 * Identity counts requests per organization in fixed five-minute windows ("API rate limits for
 * Identity Server", https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/api-rate-limits-for-identity-server),
 * so its 429 may ask for up to 300 s. A run over 300 GETs in one organization (creating or
 * destroying that many secrets: each reads its app first) waits for the next window instead of failing.
 */
export const defaultRetryAfterMaxMs = 300_000;

export function retryDelayMs(input: RetryDelayInput): number {
    const maxMs = input.maxMs ?? defaultRetryMaxMs;
    const retryAfterMaxMs = input.retryAfterMaxMs ?? defaultRetryAfterMaxMs;
    const header = input.retryAfter?.trim();
    if (header) {
        if (/^\d+(\.\d+)?$/.test(header)) return Math.min(Number(header) * 1000, retryAfterMaxMs);
        const date = Date.parse(header);
        if (!Number.isNaN(date)) return Math.min(Math.max(date - input.now, 0), retryAfterMaxMs);
    }
    const base = input.baseMs ?? defaultRetryBaseMs;
    const exponential = base * 2 ** (input.attempt - 1);
    // "Full jitter" over the upper half keeps retries from several resources apart.
    return Math.min(Math.round(exponential / 2 + (exponential / 2) * input.random), maxMs);
}
