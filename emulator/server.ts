/**
 * The HTTP server and its request pipeline.
 *
 * Pipeline — every API request passes these steps in this order:
 *  1. log       open an audit entry (time from the clock, method, path without query); it is
 *               recorded when the request ends, whatever the outcome. Admin routes skip 1–3.
 *  2. faults    injected latency / reset / error status, first, so a fault looks like the network.
 *  3. limits    per-org, per-method rate windows → 429 + Retry-After, before any work (like a gateway).
 *  4. route     method + path → 404 RouteNotFound / 405 MethodNotAllowed; `:org` → 404 OrganizationNotFound.
 *               Routing precedes auth because the route says whether auth is needed and how errors look.
 *  5. body      size cap (413), Content-Type (415), JSON syntax (400).
 *  6. auth      bearer token or PAT → caller; 401 when a protected route has none.
 *  7. handler   org checks, permissions, business logic.
 *  8. errors    EmulatorError → body in the route's style; anything else → 500. The process never dies.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { AuditEntry } from "./audit";
import { authenticate } from "./auth";
import { describeCaller, type Caller, type Deps, type RequestContext, type Route } from "./context";
import { EmulatorError, errors, renderError, type ErrorStyle } from "./errors";
import { adminRoutes } from "./handlers/admin";
import { externalAppRoutes } from "./handlers/externalApps";
import { orchestratorRoutes } from "./handlers/orchestrator";
import { orchestratorAssetRoutes } from "./handlers/orchestratorAssets";
import { orchestratorFolderRoutes } from "./handlers/orchestratorFolders";
import { portalRoutes } from "./handlers/portal";
import { productRoutes } from "./handlers/products";
import { tokenRoutes } from "./handlers/tokens";
import { ClientGoneError, parseBody, readBody, sendJson, type ParsedBody } from "./http";
import { newTraceId } from "./keys";
import { Router } from "./router";
import { findOrg } from "./store/state";

export interface EmulatorServerOptions {
    deps: Deps;
    host: string;
    port: number;
    maxBodyBytes: number;
    /** Where unexpected handler errors are reported (never with request data). */
    onUnexpectedError: (err: unknown) => void;
}

const ADMIN_PREFIX = "/__emulator/";
/** Rate-limit bucket of the user-key exchange, which has no org in its path (account host). */
const ACCOUNT_BUCKET = "account.uipath.com";
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export class EmulatorServer {
    private readonly options: EmulatorServerOptions;
    private readonly server: http.Server;
    private readonly api = new Router([
        ...tokenRoutes,
        ...orchestratorRoutes,
        ...orchestratorFolderRoutes,
        ...orchestratorAssetRoutes,
        ...portalRoutes,
        ...productRoutes,
        ...externalAppRoutes,
    ]);
    private readonly admin = new Router(adminRoutes);
    private readonly timers = new Set<NodeJS.Timeout>();
    private address: string | undefined;

    constructor(options: EmulatorServerOptions) {
        this.options = options;
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((err: unknown) => this.lastResort(res, err));
        });
        // Slow or stalled clients are cut off instead of holding a request open for minutes.
        this.server.requestTimeout = 30_000;
        this.server.headersTimeout = 10_000;
        this.server.on("clientError", (_err, socket) => {
            if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            else socket.destroy();
        });
    }

    /** Listens and resolves with the base URL (the real port when 0 was asked for). */
    async start(): Promise<string> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(this.options.port, this.options.host, () => {
                this.server.off("error", reject);
                resolve();
            });
        });
        const { address, port, family } = this.server.address() as AddressInfo;
        this.address = `http://${family === "IPv6" ? `[${address}]` : address}:${port}`;
        return this.address;
    }

    get url(): string {
        if (!this.address) throw new Error("EmulatorServer.start() has not completed");
        return this.address;
    }

    /** Stops listening, drops open connections and pending fault delays. */
    async close(): Promise<void> {
        for (const timer of this.timers) clearTimeout(timer);
        this.timers.clear();
        if (!this.server.listening) return;
        await new Promise<void>((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const traceId = newTraceId();
        const method = (req.method ?? "GET").toUpperCase();
        const [path = "/", rawQuery = ""] = (req.url ?? "/").split("?", 2);
        const query = new URLSearchParams(rawQuery);
        res.setHeader("X-Trace-Id", traceId);

        if (path.startsWith(ADMIN_PREFIX)) {
            await this.dispatch(this.admin, req, res, { traceId, method, path, query });
            return;
        }

        // 1. log
        const { deps } = this.options;
        const org = findOrg(deps.store.read(), path.split("/")[1] ?? "");
        const entry: AuditEntry = {
            time: deps.audit.stamp(),
            method,
            path,
            caller: "anonymous",
            org: org?.name ?? null,
            status: 0,
            mutating: this.isMutating(method, path),
            traceId,
        };
        try {
            // 2. faults
            const fault = deps.faults.pick(method, path);
            if (fault) {
                if (fault.latencyMs > 0) await this.delay(fault.latencyMs);
                if (fault.reset) {
                    req.socket.destroy();
                    return;
                }
                if (fault.status !== undefined) {
                    this.sendError(res, errors.injectedFault(fault.status, fault.retryAfterSeconds), "portal", traceId);
                    return;
                }
            }
            // 3. limits
            const bucket = org?.name ?? (path.toLowerCase() === "/oauth/token" ? ACCOUNT_BUCKET : undefined);
            if (bucket) {
                const decision = deps.rateLimiter.take(bucket, method);
                if (!decision.allowed) {
                    this.sendError(res, errors.tooManyRequests(decision.retryAfterSeconds), "portal", traceId);
                    return;
                }
            }
            // 4–8
            await this.dispatch(this.api, req, res, { traceId, method, path, query }, entry);
        } finally {
            entry.status = res.headersSent ? res.statusCode : 0;
            deps.audit.record(entry);
        }
    }

    /** What the route would do, known even when a fault or a limit answers before it runs. */
    private isMutating(method: string, path: string): boolean {
        const match = this.api.match(method, path);
        return match.kind === "found" ? match.route.mutating : !READ_METHODS.has(method);
    }

    /** Steps 4–8 for one router; `entry` (API requests only) learns the caller and route kind. */
    private async dispatch(
        router: Router,
        req: http.IncomingMessage,
        res: http.ServerResponse,
        request: { traceId: string; method: string; path: string; query: URLSearchParams },
        entry?: AuditEntry,
    ): Promise<void> {
        const { deps } = this.options;
        let style: ErrorStyle = "portal";
        let ctx: RequestContext | undefined;
        try {
            // 4. route
            const match = router.match(request.method, request.path);
            if (match.kind === "notFound") throw errors.routeNotFound(request.method, request.path);
            if (match.kind === "wrongMethod") throw errors.methodNotAllowed(match.allowed);
            const route: Route = match.route;
            style = route.errorStyle;
            if (entry) entry.mutating = route.mutating;
            const org = match.params.org === undefined ? undefined : findOrg(deps.store.read(), match.params.org);
            if (match.params.org !== undefined && !org) throw errors.organizationNotFound(match.params.org);

            // 5. body
            const body: ParsedBody = parseBody(route.body, req.headers["content-type"], await readBody(req, this.options.maxBodyBytes));

            // 6. auth
            const caller: Caller = route.auth === "bearer" ? authenticate(req.headers.authorization, org, deps) : { kind: "anonymous" };
            if (entry) entry.caller = describeCaller(caller);

            // 7. handler
            ctx = { ...request, params: match.params, headers: req.headers, body, caller, org, deps, audit: {} };
            const result = await route.handler(ctx);
            sendJson(res, result.status, result.body, result.headers);
        } catch (err) {
            // 8. errors
            if (err instanceof ClientGoneError) return;
            if (!(err instanceof EmulatorError)) this.options.onUnexpectedError(err);
            this.sendError(res, err, style, request.traceId);
        } finally {
            if (entry && ctx) {
                if (ctx.audit.caller !== undefined) entry.caller = ctx.audit.caller;
                if (ctx.audit.org !== undefined) entry.org = ctx.audit.org;
            }
        }
    }

    private sendError(res: http.ServerResponse, err: unknown, style: ErrorStyle, traceId: string): void {
        const rendered = renderError(err, style, traceId);
        sendJson(res, rendered.status, rendered.body, rendered.headers);
    }

    /** Only reached if the pipeline itself throws; answer 500 if still possible, keep serving. */
    private lastResort(res: http.ServerResponse, err: unknown): void {
        this.options.onUnexpectedError(err);
        try {
            this.sendError(res, errors.internal(), "portal", String(res.getHeader("X-Trace-Id") ?? ""));
        } catch {
            res.destroy();
        }
    }

    /** Fault latency is real time on purpose: it simulates the network, not the service clock. */
    private delay(ms: number): Promise<void> {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.timers.delete(timer);
                resolve();
            }, ms);
            this.timers.add(timer);
        });
    }
}
