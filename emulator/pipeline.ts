/**
 * The request pipeline. Every request passes these steps, in this order:
 *
 *  (arrival) trace id; audit time from the clock; the ONE route lookup (admin table for
 *           /__emulator/, API table otherwise); the org named by the path; the body starts
 *           being received (receive.ts: so a client that leaves after sending it in full
 *           still gets its work done, and an oversized one can read its 413).
 *  0. latency    the `latencyMs` option: every API request waits that long (real time), as on a
 *                network with that round trip; first, so a 429 or 404 costs the round trip too.
 *  1. fault      injected latency, then reset / error status. First, so a fault looks like the
 *                network: it hits unknown routes too, before any limit or check.
 *  2. rateLimit  where UiPath publishes limits (Identity per org, Orchestrator's Jobs/QueueItems
 *                listings per tenant: rateLimit.ts) → 429 + Retry-After, before any work (like a gateway).
 *  3. route      the lookup's verdict: 404 RouteNotFound / 405 MethodNotAllowed; `:org` unknown →
 *                404 OrganizationNotFound. Before auth, because the route says whether auth is
 *                needed and in which style errors are written.
 *  4. body       waits for the whole body: size cap (413, after draining), Content-Type (415),
 *                JSON syntax (400). A client gone mid-body ends the request here, unanswered.
 *  5. auth       bearer token or PAT → caller; 401 when a protected route has none.
 *  6. handler    org checks, permissions, business logic; returns the answer and its audit facts.
 *  7. render     the outcome → response: EmulatorError in the route's style (the gateway's
 *                "portal" style before step 3), anything else → 500. The process never dies.
 *  8. audit      one entry, filled here only, whatever the outcome; the client may be gone.
 *
 * Steps 0–6 run until one ends the request; 7 and 8 always run. Admin routes skip 0, 1, 2 and 8.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Deps } from "./context";
import { errors, renderError } from "./errors";
import { openExchange, type Exchange, type Outcome, type PipelineEnv } from "./exchange";
import { sendJson } from "./http";
import { RouteTable } from "./routes";
import {
    audit,
    auth,
    body,
    fault,
    handler,
    latency,
    rateLimit,
    render,
    route,
    type DecidingStep,
    type FinishingStep,
} from "./steps";

interface NamedStep<S> {
    name: string;
    /** Skipped on admin routes, so a test can always reach them and they leave no trace. */
    apiOnly: boolean;
    run: S;
}

/** The order of the steps: this list and its comment at the top of the file are the one place that fixes it. */
export const PIPELINE: {
    deciding: readonly NamedStep<DecidingStep>[];
    finishing: readonly NamedStep<FinishingStep>[];
} = {
    deciding: [
        { name: "latency", apiOnly: true, run: latency },
        { name: "fault", apiOnly: true, run: fault },
        { name: "rateLimit", apiOnly: true, run: rateLimit },
        { name: "route", apiOnly: false, run: route },
        { name: "body", apiOnly: false, run: body },
        { name: "auth", apiOnly: false, run: auth },
        { name: "handler", apiOnly: false, run: handler },
    ],
    finishing: [
        { name: "render", apiOnly: false, run: render },
        { name: "audit", apiOnly: true, run: audit },
    ],
};

/** Bodies are read to their end up to this size, so the client of an oversized one can read its 413. */
const DEFAULT_MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export interface PipelineOptions {
    deps: Deps;
    /** Largest accepted request body. */
    maxBodyBytes: number;
    /** Largest body read at all (the rest of an oversized one is discarded up to here). */
    maxDrainBytes?: number;
    /** Where unexpected errors are reported (never with request data). */
    onUnexpectedError: (err: unknown) => void;
    /** The route table; every group in routes.ts when omitted. */
    routes?: RouteTable;
}

export class Pipeline {
    private readonly env: PipelineEnv;
    private readonly routes: RouteTable;
    private readonly maxDrainBytes: number;
    private readonly timers = new Set<NodeJS.Timeout>();

    constructor(options: PipelineOptions) {
        this.routes = options.routes ?? new RouteTable();
        this.maxDrainBytes = Math.max(options.maxDrainBytes ?? DEFAULT_MAX_DRAIN_BYTES, options.maxBodyBytes);
        this.env = {
            deps: options.deps,
            maxBodyBytes: options.maxBodyBytes,
            sleep: (ms) => this.sleep(ms),
            onUnexpectedError: options.onUnexpectedError,
        };
    }

    /** Serves one request. Never rejects: a failure of the pipeline itself is answered 500 if possible. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        let ex: Exchange | undefined;
        try {
            ex = openExchange(req, res, {
                deps: this.env.deps,
                routes: this.routes,
                receive: { maxBytes: this.env.maxBodyBytes, maxDrainBytes: this.maxDrainBytes },
            });
            const outcome = await this.decide(ex);
            for (const step of PIPELINE.finishing) {
                if (!(step.apiOnly && ex.lookup.admin)) step.run(ex, outcome, this.env);
            }
        } catch (err) {
            this.lastResort(res, err, ex?.traceId ?? "");
        }
    }

    /** Cancels pending fault delays (the server is closing; their requests are abandoned). */
    close(): void {
        for (const timer of this.timers) clearTimeout(timer);
        this.timers.clear();
    }

    private async decide(ex: Exchange): Promise<Outcome> {
        try {
            for (const step of PIPELINE.deciding) {
                if (step.apiOnly && ex.lookup.admin) continue;
                const outcome = await step.run(ex, this.env);
                if (outcome) return outcome;
            }
            // The handler step always returns an outcome; reaching here is a bug in the list above.
            return { kind: "error", error: new Error("the pipeline ended without an outcome") };
        } catch (error) {
            return { kind: "error", error };
        }
    }

    /** Only reached if rendering or auditing itself throws. */
    private lastResort(res: ServerResponse, err: unknown, traceId: string): void {
        this.env.onUnexpectedError(err);
        try {
            const rendered = renderError(errors.internalServerError(), "portal", traceId);
            sendJson(res, rendered.status, rendered.body, rendered.headers);
        } catch {
            res.destroy();
        }
    }

    /** Latency and fault latency are real time on purpose: it simulates the network, not the service clock. */
    private sleep(ms: number): Promise<void> {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.timers.delete(timer);
                resolve();
            }, ms);
            this.timers.add(timer);
        });
    }
}
