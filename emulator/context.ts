/** Types shared by the server and the handlers: the request context, callers and routes. */
import type { IncomingHttpHeaders } from "node:http";
import type { AuditLog } from "./audit";
import type { Clock } from "./clock";
import { errors, type ErrorStyle } from "./errors";
import type { FaultInjector } from "./faults";
import type { BodyKind, ParsedBody } from "./http";
import type { RateLimiter } from "./rateLimit";
import type { OrgState } from "./store/state";
import type { Store } from "./store/store";
import type { TokenRegistry } from "./tokens";

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
    clock: Clock;
    audit: AuditLog;
    faults: FaultInjector;
    rateLimiter: RateLimiter;
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
    /** Token endpoints learn the caller only from the grant; they record it here for the audit. */
    audit: { caller?: string; org?: string | null };
}

export interface HandlerResult {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

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
    handler: Handler;
}

/** The URL's org; every route with `:org` has one by the time its handler runs. */
export function orgOf(ctx: RequestContext): OrgState {
    if (!ctx.org) throw errors.internal();
    return ctx.org;
}

/** A path parameter the route pattern guarantees. */
export function param(ctx: RequestContext, name: string): string {
    const value = ctx.params[name];
    if (value === undefined) throw errors.internal();
    return value;
}
