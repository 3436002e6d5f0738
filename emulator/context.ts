/** Types shared by the pipeline and the handlers: the request context, callers and routes. */
import type { IncomingHttpHeaders } from "node:http";
import type { AuditFacts, AuditLog } from "./audit";
import type { Clock } from "./clock";
import { errors, type ErrorStyle } from "./errors";
import type { FaultInjector } from "./faults";
import type { IssuerRegistry } from "./issuers";
import type { BodyKind, ParsedBody } from "./http";
import type { RateLimiter } from "./rateLimit";
import type { OrgState } from "./store/state";
import type { Store } from "./store/store";
import type { TokenRegistry } from "./tokens";
import type { WireOptions } from "./wire";

/** Who is calling, as established by the auth step. */
export type Caller =
    | { kind: "anonymous" }
    | { kind: "user"; org: string; userId: string; email: string }
    | { kind: "app"; org: string; clientId: string; scopes: string[] }
    | { kind: "userKey"; org: string; tenant: string; userKey: string };

/** The audit log's name for a caller (never a credential). */
export function describeCaller(caller: Caller): string {
    switch (caller.kind) {
        case "user":
            return `user:${caller.email}`;
        case "app":
            return `app:${caller.clientId}`;
        case "userKey":
            return `userKey:${caller.tenant}`;
        default:
            return "anonymous";
    }
}

/** Everything a handler may use. One object, so constructors and handlers stay small. */
export interface Deps {
    store: Store;
    tokens: TokenRegistry;
    /** The emulator's test OpenID issuers and the reach to any other (federated credentials). */
    issuers: IssuerRegistry;
    clock: Clock;
    audit: AuditLog;
    faults: FaultInjector;
    rateLimiter: RateLimiter;
    /** Real-time delay of every API request, as a network's round trip (0: none). */
    latencyMs: number;
    /** The seed's `wire` options (scope type rendering, extension and fault switches). */
    wire: WireOptions;
}

export interface RequestContext {
    traceId: string;
    method: string;
    /** URL path without the query string. */
    path: string;
    params: Record<string, string>;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    body: ParsedBody;
    caller: Caller;
    /** The org named by `:org` in the route (state as of the request's start). */
    org: OrgState | undefined;
    deps: Deps;
}

/** What a handler returns; the pipeline renders it and records it in the audit log. */
export interface HandlerResult {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    /**
     * What the audit cannot know from the path and the auth step (token endpoints learn the
     * caller from the grant). A refused request carries it on its error (`EmulatorError.about`).
     */
    audit?: AuditFacts;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

/**
 * How far a route can be trusted to behave like UiPath's:
 *  - documented: UiPath's docs or a swagger UiPath published say so;
 *  - observed:   UiPath's own client code or public issue text shows it, the docs do not;
 *  - modeled:    no public source; the emulator's choice (the README says what it is).
 * `sources`: URL and page title, or `owner/repo@commit:path#Lx-Ly`; for a modeled route, what
 * its model is based on (may be empty). emulator/README.md's route table is rendered from these.
 */
export interface Fidelity {
    status: "documented" | "observed" | "modeled";
    /**
     * UiPath has withdrawn the only source (a specification removed from its repository): the route
     * may be gone. Shown as "observed (withdrawn)"; the sources say where and when it was removed.
     */
    withdrawn?: true;
    sources: string[];
    /** One line for the README table: what is modeled in a documented route, or what the model is. */
    note?: string;
}

/**
 * One route. Everything the pipeline needs to know about it is declared here, so per-route
 * metadata (e.g. where its shape comes from) is one more field that every route must fill in.
 */
export interface Route {
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
    /** Segments; `:name` captures one segment. Literal segments match case-insensitively. */
    pattern: string;
    body: BodyKind;
    /** "bearer": the auth step must establish a caller (401 otherwise). */
    auth: "none" | "bearer";
    errorStyle: ErrorStyle;
    /** Whether the route changes state (reported in the audit log). */
    mutating: boolean;
    /** Where its shape comes from; required, so no route is added without saying. */
    fidelity: Fidelity;
    handler: Handler;
}

/** The routes of one API group, one file per group in `handlers/`, listed in `routes.ts`. */
export interface RouteGroup {
    /** Short name, e.g. "portal"; used in messages about the route table. */
    name: string;
    routes: readonly Route[];
}

/** The URL's org; every route with `:org` has one by the time its handler runs. */
export function orgOf(ctx: RequestContext): OrgState {
    if (!ctx.org) throw errors.internalServerError();
    return ctx.org;
}

/** A path parameter the route pattern guarantees. */
export function param(ctx: RequestContext, name: string): string {
    const value = ctx.params[name];
    if (value === undefined) throw errors.internalServerError();
    return value;
}
