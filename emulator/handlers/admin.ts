/**
 * Admin and test routes under /__emulator/ (no auth: the emulator is meant for loopback).
 * They are not audited, not rate limited and never faulted, so a test can always reach them
 * (the pipeline skips those steps for this group: see pipeline.ts).
 */
import { z } from "zod";
import { isManualClock, MAX_TIME_MS } from "../clock";
import { orgOf, type HandlerResult, type RequestContext, type Route, type RouteGroup } from "../context";
import { errors } from "../errors";
import { FaultsConfigSchema } from "../faults";
import { RateLimitsSchema } from "../rateLimit";
import { deleteFolderOutOfBand, seedAssets } from "./adminOrchestrator";
import { issuerDiscovery, issuerJwks, mintToken } from "./adminIssuers";
import { findOrg } from "../store/state";
import { jsonObject, validate } from "../validate";

const FlagsBody = z.strictObject({
    directoryIntegration: z.boolean().optional(),
    userKeyAccess: z.boolean().optional(),
});
/** A century: more than any expiry a test needs, far from where a Date stops. */
const MAX_ADVANCE_SECONDS = 100 * 365.25 * 24 * 3600;
const ADVANCE_RANGE = `seconds must be a number from 0 to ${MAX_ADVANCE_SECONDS} (100 years).`;
/** Forward only: token expiry and rate-limit windows assume time does not run backwards. */
const AdvanceBody = z.strictObject({
    seconds: z.number({ error: ADVANCE_RANGE }).min(0, ADVANCE_RANGE).max(MAX_ADVANCE_SECONDS, ADVANCE_RANGE),
});

function clockView(ctx: RequestContext): HandlerResult {
    const clock = ctx.deps.clock;
    return { status: 200, body: { now: new Date(clock.now()).toISOString(), manual: isManualClock(clock) } };
}

function advanceClock(ctx: RequestContext): HandlerResult {
    const clock = ctx.deps.clock;
    if (!isManualClock(clock))
        throw errors.conflict("The emulator runs on the system clock; start it with --manual-clock to move time.");
    const { seconds } = validate(AdvanceBody, jsonObject(ctx.body));
    try {
        clock.advance(seconds * 1000);
    } catch (err) {
        // The clock refused (it stays where it was): a start near the end of a Date's range.
        if (err instanceof RangeError)
            throw errors.validationFailed({
                seconds: [`The clock cannot move past ${new Date(MAX_TIME_MS).toISOString()}.`],
            });
        throw err;
    }
    return clockView(ctx);
}

function setFlags(ctx: RequestContext): HandlerResult {
    const org = orgOf(ctx);
    const flags = validate(FlagsBody, jsonObject(ctx.body));
    const updated = ctx.deps.store.update((draft) => {
        const o = findOrg(draft, org.name)!;
        if (flags.directoryIntegration !== undefined) o.directoryIntegration = flags.directoryIntegration;
        if (flags.userKeyAccess !== undefined) o.userKeyAccess = flags.userKeyAccess;
        return o;
    });
    return {
        status: 200,
        body: {
            name: updated.name,
            directoryIntegration: updated.directoryIntegration,
            userKeyAccess: updated.userKeyAccess,
        },
    };
}

const admin = (
    method: Route["method"],
    path: string,
    handler: Route["handler"],
    body: Route["body"] = "none",
): Route => ({
    method,
    pattern: `/__emulator${path}`,
    body,
    auth: "none",
    errorStyle: "identity",
    mutating: method !== "GET",
    fidelity: { status: "modeled", sources: [], note: "the emulator's own admin route; nothing of UiPath's" },
    handler,
});

export const adminGroup: RouteGroup = {
    name: "admin",
    routes: [
        admin("GET", "/health", () => ({ status: 200, body: { ok: true } })),
        admin("GET", "/audit", (ctx) => ({ status: 200, body: { entries: ctx.deps.audit.list() } })),
        admin("DELETE", "/audit", (ctx) => {
            ctx.deps.audit.clear();
            return { status: 204 };
        }),
        admin("GET", "/faults", (ctx) => ({ status: 200, body: { faults: ctx.deps.faults.list() } })),
        admin(
            "PUT",
            "/faults",
            (ctx) => {
                ctx.deps.faults.configure(validate(FaultsConfigSchema, jsonObject(ctx.body)));
                return { status: 200, body: { faults: ctx.deps.faults.list() } };
            },
            "json",
        ),
        admin("DELETE", "/faults", (ctx) => {
            ctx.deps.faults.clear();
            return { status: 204 };
        }),
        admin("GET", "/rate-limits", (ctx) => ({
            status: 200,
            // `off: true` only when started with rate limits off (the limits shown then wait to be switched on).
            body: { ...ctx.deps.rateLimiter.current(), ...(ctx.deps.rateLimiter.enabled ? {} : { off: true }) },
        })),
        admin(
            "PUT",
            "/rate-limits",
            (ctx) => {
                ctx.deps.rateLimiter.configure(validate(RateLimitsSchema.partial(), jsonObject(ctx.body)));
                return { status: 200, body: ctx.deps.rateLimiter.current() };
            },
            "json",
        ),
        admin("DELETE", "/rate-limits", (ctx) => {
            ctx.deps.rateLimiter.reset();
            return { status: 200, body: ctx.deps.rateLimiter.current() };
        }),
        admin("GET", "/clock", clockView),
        admin("POST", "/clock/advance", advanceClock, "json"),
        admin("PUT", "/orgs/:org/flags", setFlags, "json"),
        admin("POST", "/orgs/:org/tenants/:tenant/assets", seedAssets, "json"),
        admin("DELETE", "/orgs/:org/tenants/:tenant/folders/:folderId", deleteFolderOutOfBand),
        admin("GET", "/oidc/:name/.well-known/openid-configuration", issuerDiscovery),
        admin("GET", "/oidc/:name/jwks", issuerJwks),
        admin("GET", "/oidc/:name/token", mintToken),
    ],
};
