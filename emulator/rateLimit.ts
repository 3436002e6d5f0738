/**
 * Per-organization, per-method fixed-window rate limits (UiPath publishes per-org limits per
 * 5 minutes for the Identity API; the emulator applies them to every `/{org}/...` route).
 * Windows are measured on the emulator clock, so tests move time instead of waiting.
 */
import { z } from "zod";
import type { Clock } from "./clock";

export const RATE_LIMITED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RateLimitedMethod = (typeof RATE_LIMITED_METHODS)[number];

const Limit = z.number().int().min(0);
export const RateLimitsSchema = z.strictObject({
    windowSeconds: z.number().int().positive(),
    GET: Limit,
    POST: Limit,
    PUT: Limit,
    PATCH: Limit,
    DELETE: Limit,
});
export type RateLimits = z.infer<typeof RateLimitsSchema>;

/** The published Identity API limits on Automation Cloud. */
export const DEFAULT_RATE_LIMITS: RateLimits = { windowSeconds: 300, GET: 300, POST: 24_000, PUT: 160, PATCH: 160, DELETE: 160 };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
    clock: Clock;
    limits?: Partial<RateLimits>;
}

export class RateLimiter {
    private limits: RateLimits;
    private readonly clock: Clock;
    /** `${bucket} ${method}` → window start and count. */
    private readonly windows = new Map<string, { start: number; count: number }>();

    constructor(options: RateLimiterOptions) {
        this.clock = options.clock;
        this.limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
    }

    current(): RateLimits {
        return { ...this.limits };
    }

    /** Changes limits (partially) and starts fresh windows. */
    configure(limits: Partial<RateLimits>): void {
        this.limits = { ...this.limits, ...limits };
        this.windows.clear();
    }

    reset(): void {
        this.limits = { ...DEFAULT_RATE_LIMITS };
        this.windows.clear();
    }

    /** Counts one request; refused requests are not counted. */
    take(bucket: string, method: string): RateDecision {
        if (!isRateLimited(method)) return { allowed: true };
        const now = this.clock.now();
        const windowMs = this.limits.windowSeconds * 1000;
        const key = `${bucket} ${method}`;
        let window = this.windows.get(key);
        if (!window || now >= window.start + windowMs) {
            window = { start: now, count: 0 };
            this.windows.set(key, window);
        }
        if (window.count >= this.limits[method]) {
            return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)) };
        }
        window.count += 1;
        return { allowed: true };
    }
}

function isRateLimited(method: string): method is RateLimitedMethod {
    return (RATE_LIMITED_METHODS as readonly string[]).includes(method);
}
