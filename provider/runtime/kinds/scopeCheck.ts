/**
 * Checks scope names against the organization's catalog, for `ExternalApplication`'s check:
 * one failure per list, naming every unknown scope with the closest known name.
 */
import type { ScopeCatalog, ScopeUse } from "../identity/identityApi";
import type { CheckFailure } from "../inputs/validation";

/** Edit distance, case-insensitive (scope names are short: the quadratic cost is nothing). */
function distance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
    for (let i = 1; i <= x.length; i++) {
        const row = [i];
        for (let j = 1; j <= y.length; j++)
            row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
        prev = row;
    }
    return prev[y.length]!;
}

/** The closest catalog name, if close enough to be a likely typo. */
export function closestScope(catalog: ScopeCatalog, name: string): string | undefined {
    let best: { name: string; d: number } | undefined;
    for (const known of catalog.keys()) {
        const d = distance(name, known);
        if (!best || d < best.d) best = { name: known, d };
    }
    return best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? best.name : undefined;
}

export function scopeFailures(
    catalog: ScopeCatalog,
    scopes: readonly string[],
    property: string,
    use: ScopeUse,
): CheckFailure[] {
    const problems: string[] = [];
    for (const name of new Set(scopes)) {
        const type = catalog.get(name);
        if (type === undefined) {
            const hint = closestScope(catalog, name);
            problems.push(
                `'${name}' is not in the organization's scope catalog${hint ? ` (did you mean '${hint}'?)` : ""}`,
            );
        } else if (type !== "userAndApplication" && type !== use) {
            problems.push(`'${name}' can only be ${type === "user" ? "a user" : "an application"} scope`);
        }
    }
    if (problems.length === 0) return [];
    return [{ property, reason: `${property}: ${problems.join("; ")}` }];
}
