/** Matches method + path against a route table; tells 404 (no path) from 405 (wrong method). */
import type { Route, RouteGroup } from "./context";

export type RouteMatch =
    | { kind: "found"; route: Route; params: Record<string, string> }
    | { kind: "wrongMethod"; allowed: string[] }
    | { kind: "notFound" };

interface CompiledRoute {
    route: Route;
    segments: string[];
    /** Literal segments count; more literals win over captures ("GenerateSecret" over ":pg"). */
    specificity: number;
}

export interface RouterOptions {
    groups: readonly RouteGroup[];
}

export class Router {
    private readonly routes: CompiledRoute[];

    /** Throws when two routes of the groups share a method and pattern (one would never be reached). */
    constructor(options: RouterOptions) {
        const seen = new Map<string, string>();
        for (const group of options.groups) {
            for (const route of group.routes) {
                const key = `${route.method} ${split(route.pattern)
                    .map((s) => (s.startsWith(":") ? ":" : s.toLowerCase()))
                    .join("/")}`;
                const other = seen.get(key);
                if (other)
                    throw new Error(
                        `route ${route.method} ${route.pattern} of group '${group.name}' is already declared by group '${other}'`,
                    );
                seen.set(key, group.name);
            }
        }
        this.routes = options.groups
            .flatMap((group) => group.routes)
            .map((route) => {
                const segments = split(route.pattern);
                return { route, segments, specificity: segments.filter((s) => !s.startsWith(":")).length };
            })
            .sort((a, b) => b.specificity - a.specificity);
    }

    match(method: string, path: string): RouteMatch {
        let segments: string[];
        try {
            segments = split(path).map((s) => decodeURIComponent(s));
        } catch {
            return { kind: "notFound" };
        }
        const allowed = new Set<string>();
        for (const compiled of this.routes) {
            const params = matchSegments(compiled.segments, segments);
            if (!params) continue;
            if (compiled.route.method === method) return { kind: "found", route: compiled.route, params };
            allowed.add(compiled.route.method);
        }
        return allowed.size > 0 ? { kind: "wrongMethod", allowed: [...allowed].sort() } : { kind: "notFound" };
    }
}

function split(path: string): string[] {
    return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
    if (pattern.length !== actual.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
        const p = pattern[i]!;
        const a = actual[i]!;
        if (p.startsWith(":")) params[p.slice(1)] = a;
        else if (p.toLowerCase() !== a.toLowerCase()) return undefined;
    }
    return params;
}
