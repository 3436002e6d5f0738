/**
 * Rate limits where UiPath documents them, and nowhere else. Fixed windows on the emulator clock,
 * so tests move time instead of waiting.
 *
 *  - Identity, DOCUMENTED ("API rate limits for Identity Server", Automation Cloud API guide,
 *    https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/api-rate-limits-for-identity-server):
 *    per organization, per method, in five-minute windows: GET 300, POST 24,000, PUT, PATCH and
 *    DELETE 160 each; over that, 429. Applied to `/{org}/identity_/...` (the org-scoped token
 *    endpoint is Identity's too). These are the configurable {@link RateLimits}.
 *  - Orchestrator, DOCUMENTED ("Rate limits and large data field usage optimization", Orchestrator
 *    API guide, https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/rate-limits):
 *    per tenant, per minute, on `GET /odata/Jobs` and `GET /odata/QueueItems` (with any filters):
 *    100 requests for non-automation usage, 1,000 for automation usage. The emulator cannot tell the
 *    two apart and applies 100 (MODELED choice). It serves neither route: past the limit such a
 *    request gets the 429 before its 404, as from a gateway in front of Orchestrator.
 *  - Nothing else is limited: UiPath publishes no limit for `portal_`, the account host's
 *    `/oauth/token`, the product hosts, or the Orchestrator folder, asset and user routes.
 *    The host-level `/identity_/connect/token` is Identity's, but its organization is known only
 *    from the client id in the body, after this step: it is not counted (MODELED gap).
 */
import { z } from "zod";
import type { Clock } from "./clock";

export const RATE_LIMITED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RateLimitedMethod = (typeof RATE_LIMITED_METHODS)[number];

const Limit = z.number().int().min(0);
/** Identity's limits (the emulator's `rateLimits` option and `/__emulator/rate-limits`). */
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
export const DEFAULT_RATE_LIMITS: RateLimits = {
    windowSeconds: 300,
    GET: 300,
    POST: 24_000,
    PUT: 160,
    PATCH: 160,
    DELETE: 160,
};

/** Orchestrator's published limit of the `Jobs` and `QueueItems` listings (non-automation usage). */
export const ORCHESTRATOR_LISTING_LIMIT = { windowSeconds: 60, perTenant: 100 } as const;
const ORCHESTRATOR_LIMITED_ENTITIES = new Set(["jobs", "queueitems"]);

/** Which published limit counts a request, and in which bucket. */
export type RateScope = { policy: "identity"; bucket: string } | { policy: "orchestratorListing"; bucket: string };

/**
 * The limit that applies to a request, from its method and path (a route pattern works too:
 * `/:org/identity_/...`); undefined where UiPath publishes none. `org` is the organization the
 * path names (undefined for an unknown one, which is not counted).
 */
export function rateScopeOf(method: string, path: string, org: string | undefined): RateScope | undefined {
    if (org === undefined) return undefined;
    const segments = path.split("/").map((s) => s.toLowerCase());
    if (segments[2] === "identity_") return { policy: "identity", bucket: org };
    const listing =
        segments[3] === "orchestrator_" &&
        segments[4] === "odata" &&
        ORCHESTRATOR_LIMITED_ENTITIES.has(segments[5] ?? "");
    // `GET /odata/Jobs/?<filters>`: the listing itself (a trailing slash allowed), not `Jobs(1)` or a function under it.
    if (method === "GET" && listing && (segments.length === 6 || (segments.length === 7 && segments[6] === ""))) {
        return { policy: "orchestratorListing", bucket: `${org}/${segments[2]}/${segments[5]}` };
    }
    return undefined;
}

/** One line for the route table: which published limit a route pattern falls under. */
export function rateLimitLabel(method: string, pattern: string): string {
    const scope = rateScopeOf(method, pattern, "org");
    if (scope?.policy === "identity") return "Identity's, per organization per 5 min (documented)";
    if (scope?.policy === "orchestratorListing") return "Orchestrator's, per tenant per minute (documented)";
    if (/^\/identity_\//i.test(pattern))
        return "Identity's, but not counted: the organization is in the body (modeled)";
    return "none published";
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiterOptions {
    clock: Clock;
    /** Overrides of Identity's limits. */
    limits?: Partial<RateLimits>;
    /** No limit at all until {@link RateLimiter.configure} or {@link RateLimiter.reset} (the bench's `--rate-limits off`). */
    off?: boolean;
}

export class RateLimiter {
    private limits: RateLimits;
    private readonly clock: Clock;
    /** `${policy} ${bucket} ${method}` → window start and count. */
    private readonly windows = new Map<string, { start: number; count: number }>();
    private off: boolean;

    constructor(options: RateLimiterOptions) {
        this.clock = options.clock;
        this.limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
        this.off = options.off === true;
    }

    /** Identity's limits now. */
    current(): RateLimits {
        return { ...this.limits };
    }

    /** Whether any limit applies (false when started with rate limits off). */
    get enabled(): boolean {
        return !this.off;
    }

    /** Changes Identity's limits (partially), turns limits on and starts fresh windows. */
    configure(limits: Partial<RateLimits>): void {
        this.limits = { ...this.limits, ...limits };
        this.off = false;
        this.windows.clear();
    }

    reset(): void {
        this.limits = { ...DEFAULT_RATE_LIMITS };
        this.off = false;
        this.windows.clear();
    }

    /** Counts one request under its scope's limit; refused requests are not counted. */
    take(scope: RateScope, method: string): RateDecision {
        if (this.off || !isRateLimited(method)) return { allowed: true };
        const { windowSeconds, limit } =
            scope.policy === "identity"
                ? { windowSeconds: this.limits.windowSeconds, limit: this.limits[method] }
                : {
                      windowSeconds: ORCHESTRATOR_LISTING_LIMIT.windowSeconds,
                      limit: ORCHESTRATOR_LISTING_LIMIT.perTenant,
                  };
        const now = this.clock.now();
        const windowMs = windowSeconds * 1000;
        const key = `${scope.policy} ${scope.bucket} ${method}`;
        let window = this.windows.get(key);
        if (!window || now >= window.start + windowMs) {
            window = { start: now, count: 0 };
            this.windows.set(key, window);
        }
        if (window.count >= limit) {
            return {
                allowed: false,
                retryAfterSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
            };
        }
        window.count += 1;
        return { allowed: true };
    }
}

function isRateLimited(method: string): method is RateLimitedMethod {
    return (RATE_LIMITED_METHODS as readonly string[]).includes(method);
}
