/**
 * The pipeline's steps, each a small function; their order and the reasons for it are in
 * pipeline.ts. A deciding step returns an {@link Outcome} to end the request, throws an
 * EmulatorError to answer with it, or returns nothing to pass the request on.
 */
import type { AuditEntry } from "./audit";
import { authenticate } from "./auth";
import { describeCaller, type Route } from "./context";
import { EmulatorError, errors, renderError } from "./errors";
import type { Exchange, Outcome, PipelineEnv } from "./exchange";
import { requestContext } from "./exchange";
import { parseBody, sendJson } from "./http";
import { rateScopeOf } from "./rateLimit";
import { findOrg } from "./store/state";

/** Steps 1–6: end the request with an outcome, or pass it on. */
export type DecidingStep = (ex: Exchange, env: PipelineEnv) => Outcome | undefined | Promise<Outcome | undefined>;
/** Steps 7–8: always run, with the outcome. */
export type FinishingStep = (ex: Exchange, outcome: Outcome, env: PipelineEnv) => void;

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The network's round trip: real time, like fault latency (the emulator clock is the service's, not the wire's). */
export const latency: DecidingStep = async (ex, env) => {
    if (env.deps.latencyMs > 0) await env.sleep(env.deps.latencyMs);
    return undefined;
};

export const fault: DecidingStep = async (ex, env) => {
    const action = env.deps.faults.pick(ex.method, ex.path);
    if (!action) return undefined;
    if (action.latencyMs > 0) await env.sleep(action.latencyMs);
    if (action.reset) {
        ex.req.socket.destroy();
        return { kind: "reset" };
    }
    if (action.status === 429) throw errors.tooManyRequests(action.retryAfterSeconds);
    if (action.status !== undefined) throw errors.injectedFault(action.status, action.retryAfterSeconds);
    return undefined;
};

/** Only where UiPath publishes a limit (rateLimit.ts says which routes and where it is published). */
export const rateLimit: DecidingStep = (ex, env) => {
    const scope = rateScopeOf(ex.method, ex.path, ex.pathOrg);
    if (scope === undefined) return undefined;
    const decision = env.deps.rateLimiter.take(scope, ex.method);
    if (!decision.allowed) throw errors.tooManyRequests(decision.retryAfterSeconds);
    return undefined;
};

export const route: DecidingStep = (ex, env) => {
    const { match } = ex.lookup;
    if (match.kind === "notFound") throw errors.routeNotFound(ex.method, ex.path);
    if (match.kind === "wrongMethod") throw errors.methodNotAllowed(match.allowed);
    ex.route = match.route;
    ex.params = match.params;
    const orgName = match.params.org;
    if (orgName !== undefined) {
        ex.org = findOrg(env.deps.store.read(), orgName);
        if (!ex.org) throw errors.organizationNotFound(orgName);
    }
    return undefined;
};

export const body: DecidingStep = async (ex, env) => {
    const received = await ex.received;
    if (received.kind === "clientGone") return { kind: "clientGone" };
    if (received.kind === "tooLarge") throw errors.payloadTooLarge(env.maxBodyBytes);
    ex.body = parseBody(routeOf(ex).body, ex.req.headers["content-type"], received.bytes);
    return undefined;
};

export const auth: DecidingStep = (ex, env) => {
    if (routeOf(ex).auth === "bearer") ex.caller = authenticate(ex.req.headers.authorization, ex.org, env.deps);
    return undefined;
};

export const handler: DecidingStep = async (ex, env) => {
    const result = await routeOf(ex).handler(requestContext(ex, env.deps));
    return { kind: "answer", result };
};

/**
 * Writes the outcome. Errors thrown before the route step are the gateway's and look the same
 * on every route ("portal"); later ones take the route's style. Anything that is not an
 * EmulatorError is a bug: reported, answered 500 without internals.
 */
export const render: FinishingStep = (ex, outcome, env) => {
    switch (outcome.kind) {
        case "reset":
            ex.delivery = { status: 0, clientGone: false };
            return;
        case "clientGone":
            ex.delivery = { status: 0, clientGone: true };
            return;
        case "answer": {
            const { status, body, headers } = outcome.result;
            ex.delivery = { status, clientGone: !sendJson(ex.res, status, body, headers) };
            return;
        }
        case "error": {
            if (!(outcome.error instanceof EmulatorError)) env.onUnexpectedError(outcome.error);
            const rendered = renderError(outcome.error, ex.route?.errorStyle ?? "portal", ex.traceId);
            ex.delivery = {
                status: rendered.status,
                clientGone: !sendJson(ex.res, rendered.status, rendered.body, rendered.headers),
            };
            return;
        }
    }
};

/** The one place an audit entry is made. */
export const audit: FinishingStep = (ex, outcome, env) => {
    const delivery = ex.delivery ?? { status: 0, clientGone: false };
    const facts =
        outcome.kind === "answer"
            ? outcome.result.audit
            : outcome.kind === "error" && outcome.error instanceof EmulatorError
              ? outcome.error.audit
              : undefined;
    const { match } = ex.lookup;
    const entry: AuditEntry = {
        time: ex.time,
        method: ex.method,
        path: ex.path,
        caller: facts?.caller ?? describeCaller(ex.caller),
        org: facts?.org !== undefined ? facts.org : (ex.pathOrg ?? null),
        status: delivery.status,
        // What the route would do, known even when a fault or a limit answered before it ran.
        mutating: match.kind === "found" ? match.route.mutating : !READ_METHODS.has(ex.method),
        traceId: ex.traceId,
    };
    if (delivery.clientGone) entry.clientGone = true;
    env.deps.audit.record(entry);
};

function routeOf(ex: Exchange): Route {
    if (!ex.route) throw errors.internalServerError();
    return ex.route;
}
