/**
 * The emulator requests of one CLI run, counted from its audit log: in total,
 * token requests, mutating calls, 429 answers, and per route (method and the
 * emulator's route pattern, so `GET /:org/identity_/api/ExternalClient/:pg/:clientId`
 * counts every app read whatever its ids).
 */
import type { AuditEntry } from "../emulator";
import { RouteTable } from "../emulator/routes";

/** Emulator requests made during one CLI run. */
export interface ApiCalls {
    total: number;
    /** Token requests (`/identity_/connect/token`). */
    token: number;
    /** Requests to routes that change state. */
    mutating: number;
    /** Requests answered 429 (rate limited or injected). */
    tooMany: number;
    /** Requests per route: `METHOD pattern`, or `METHOD path (no route)` for a path the emulator does not serve. */
    byRoute: Record<string, number>;
}

const routes = new RouteTable();

/** The route a request went to, as `METHOD pattern`. */
export function routeOf(method: string, path: string): string {
    const { match } = routes.lookup(method, path);
    return match.kind === "found" ? `${method} ${match.route.pattern}` : `${method} ${path} (no route)`;
}

export function countCalls(entries: readonly AuditEntry[]): ApiCalls {
    const byRoute: Record<string, number> = {};
    for (const e of entries) {
        const route = routeOf(e.method, e.path);
        byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    return {
        total: entries.length,
        token: entries.filter((e) => e.path.endsWith("/connect/token")).length,
        mutating: entries.filter((e) => e.mutating).length,
        tooMany: entries.filter((e) => e.status === 429).length,
        byRoute: Object.fromEntries(Object.entries(byRoute).sort(([a], [b]) => a.localeCompare(b))),
    };
}

/**
 * Routes on which two runs made different numbers of calls, as `route a/b`
 * (the subject's and the calling baseline's): empty when they made the same calls.
 */
export function routeDifferences(a: Record<string, number>, b: Record<string, number>): string[] {
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return names.filter((r) => (a[r] ?? 0) !== (b[r] ?? 0)).map((r) => `${r} ${a[r] ?? 0}/${b[r] ?? 0}`);
}
