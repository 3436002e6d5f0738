/**
 * One request on its way through the pipeline: what arrived, what the steps found out, and how
 * it ended. Only the pipeline's steps read and write it; handlers see a {@link RequestContext}.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Caller, Deps, HandlerResult, RequestContext, Route } from "./context";
import type { ParsedBody } from "./http";
import { newTraceId } from "./keys";
import { receive, type Received, type ReceiveOptions } from "./receive";
import type { RouteLookup, RouteTable } from "./routes";
import { findOrg, type OrgState } from "./store/state";

export interface Exchange {
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    readonly traceId: string;
    /** Upper case. */
    readonly method: string;
    /** URL path without the query string. */
    readonly path: string;
    readonly query: URLSearchParams;
    /** The emulator clock when the request arrived, as the audit writes it. */
    readonly time: string;
    /** The request's one route lookup, made on arrival: the fault and audit steps need it too. */
    readonly lookup: RouteLookup;
    /** The org the path's first segment names, as of arrival: the rate-limit bucket and the audit's org. */
    readonly pathOrg: string | undefined;
    /** The body, received from arrival on (see receive.ts for why). */
    readonly received: Promise<Received>;

    /** Set by the route step. */
    route?: Route;
    params?: Record<string, string>;
    /** The org named by `:org` (route step). */
    org?: OrgState;
    /** Set by the body step. */
    body?: ParsedBody;
    /** Set by the auth step; anonymous until then, and on routes without auth. */
    caller: Caller;
    /** Set by the render step. */
    delivery?: Delivery;
}

/** What the client was sent. */
export interface Delivery {
    /** 0 when nothing was answered (an injected reset, or a request that never arrived in full). */
    status: number;
    /** The client had gone before it could be answered. */
    clientGone: boolean;
}

/** How a request ended; decided by the first step that returns one (the handler always does). */
export type Outcome =
    | { kind: "answer"; result: HandlerResult }
    /** Anything a step threw: an EmulatorError, or a bug (rendered as a 500). */
    | { kind: "error"; error: unknown }
    /** An injected reset: the socket was destroyed without an answer. */
    | { kind: "reset" }
    /** The client went away before its request was complete: nothing was accepted. */
    | { kind: "clientGone" };

/** What the steps may use besides the exchange. */
export interface PipelineEnv {
    deps: Deps;
    maxBodyBytes: number;
    /** Real-time delay that the server cancels when it closes. */
    sleep(ms: number): Promise<void>;
    onUnexpectedError(err: unknown): void;
}

export interface OpenExchangeOptions {
    deps: Deps;
    routes: RouteTable;
    receive: ReceiveOptions;
}

export function openExchange(req: IncomingMessage, res: ServerResponse, options: OpenExchangeOptions): Exchange {
    const traceId = newTraceId();
    // MODELED: no public source shows UiPath sending the trace id as a header (its error bodies carry
    // `traceId`); the emulator adds it so tests can match a response to its audit entry.
    res.setHeader("X-Trace-Id", traceId);
    const method = (req.method ?? "GET").toUpperCase();
    const [path = "/", rawQuery = ""] = (req.url ?? "/").split("?", 2);
    const lookup = options.routes.lookup(method, path);
    const { deps } = options;
    return {
        req,
        res,
        traceId,
        method,
        path,
        query: new URLSearchParams(rawQuery),
        time: deps.audit.stamp(),
        lookup,
        pathOrg: lookup.admin ? undefined : findOrg(deps.store.read(), path.split("/")[1] ?? "")?.name,
        received: receive(req, options.receive),
        caller: { kind: "anonymous" },
    };
}

/** The handler's view of the exchange, once the route, body and auth steps have run. */
export function requestContext(ex: Exchange, deps: Deps): RequestContext {
    return {
        traceId: ex.traceId,
        method: ex.method,
        path: ex.path,
        params: ex.params ?? {},
        query: ex.query,
        headers: ex.req.headers,
        body: ex.body ?? { kind: "empty" },
        caller: ex.caller,
        org: ex.org,
        deps,
    };
}
