/**
 * POSTs the report to a webhook, retrying with backoff: a receiver that is down, answers 5xx or
 * 429 is tried again (honouring `Retry-After`); another 4xx is final. The outcome names the
 * receiver by scheme, host and port only, since a webhook's path or query often is its token.
 * The project's one HTTP client, got, with its own retries off: the loop below owns them.
 */
import got, { RequestError } from "got";
import { retryDelayMs } from "../../provider/runtime/http/retry";
import type { NotificationOutcome } from "./report";

export interface NotifyOptions {
    attempts?: number;
    baseDelayMs?: number;
    /** Per attempt. */
    timeoutMs?: number;
}

/** Attempts and backoff: about 7 s in all before giving up on a receiver that is down. */
export const NOTIFY_ATTEMPTS = 4;
const NOTIFY_BASE_DELAY_MS = 1_000;
const NOTIFY_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function notify(url: URL, body: unknown, options: NotifyOptions = {}): Promise<NotificationOutcome> {
    const attempts = options.attempts ?? NOTIFY_ATTEMPTS;
    const outcome: NotificationOutcome = { target: url.origin, delivered: false, attempts: 0 };
    const payload = JSON.stringify(body);
    for (let attempt = 1; attempt <= attempts; attempt++) {
        outcome.attempts = attempt;
        let retryAfter: string | undefined;
        try {
            const res = await got.post(url, {
                headers: { "content-type": "application/json" },
                body: payload,
                timeout: { request: options.timeoutMs ?? NOTIFY_TIMEOUT_MS },
                retry: { limit: 0 },
                throwHttpErrors: false,
            });
            outcome.status = res.statusCode;
            if (res.ok) {
                delete outcome.error;
                outcome.delivered = true;
                return outcome;
            }
            outcome.error = `answered ${res.statusCode}`;
            if (res.statusCode < 500 && res.statusCode !== 429) return outcome;
            const header = res.headers["retry-after"];
            retryAfter = Array.isArray(header) ? header[0] : header;
        } catch (err) {
            delete outcome.status;
            outcome.error = reasonOf(err);
        }
        if (attempt < attempts)
            await sleep(
                retryDelayMs({
                    attempt,
                    retryAfter,
                    now: Date.now(),
                    random: Math.random(),
                    baseMs: options.baseDelayMs ?? NOTIFY_BASE_DELAY_MS,
                }),
            );
    }
    return outcome;
}

/** got's failure in words, without the URL (its messages can name the address and path). */
function reasonOf(err: unknown): string {
    if (err instanceof RequestError)
        return err.code === "ETIMEDOUT" ? "no answer in time" : `unreachable (${err.code})`;
    return err instanceof Error ? err.message.split("\n")[0]! : String(err);
}
