/**
 * The small part of OData v4 that Orchestrator's clients use on Folders and Assets
 * (uipathcli, UiPath's Python and TypeScript SDKs): `$filter` with `<Property> eq '<text>'` or `<Property> eq <integer>` terms
 * joined by `or` (uipathcli sends `FullyQualifiedName eq 'x' or Id eq 5`:
 * UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:utils/api/orchestrator_client.go#L67-L70),
 * `''` for a quote inside a literal (OData ABNF; UiPath's TS SDK escapes so:
 * UiPath/uipath-typescript@b3521dc92a606a921c2e768f272b854ed127e9e9:src/services/folder-scoped.ts#L12-L16),
 * `$top` (≤ 1000), `$skip`,
 * `$count`, `$select`. URLSearchParams has already decoded `%24filter` and `+`.
 * Anything else in `$filter` is refused with errorCode 1000, like a malformed query.
 *
 * String comparison is case-insensitive: Orchestrator's names are (asset names documented as
 * "not case sensitive"; its SQL collation is assumed for the rest — modeled).
 *
 * A route may ask for {@link ContainsOver}: Assets GetFiltered, whose `$filter` UiPath documents
 * as "a custom filter that uses Name and Description parameters in a contains function"
 * ("Assets requests", Orchestrator API guide,
 * https://docs.uipath.com/orchestrator/automation-cloud-dedicated/latest/api-guide/assets-requests).
 * How that combines with other terms is not documented; here only string terms on the named
 * property become contains-matches, the rest stay `eq` (modeled).
 */
import { orchestratorErrors } from "./orchestratorErrors";

export type Row = Record<string, unknown>;

interface Term {
    property: string;
    value: string | number;
}

const MAX_TOP = 1000;

/** `Assets(12)` → 12 when the segment names `entitySet`; undefined otherwise. */
export function entityKey(segment: string, entitySet: string): number | undefined {
    const match = /^([A-Za-z]+)\((\d{1,18})\)$/.exec(segment);
    if (!match || match[1]!.toLowerCase() !== entitySet.toLowerCase()) return undefined;
    return Number(match[2]);
}

/** Parses a `$filter` over `properties` (the filterable ones); throws 400/1000 on anything else. */
export function parseFilter(text: string, properties: readonly string[]): Term[] {
    const terms: Term[] = [];
    let rest = text.trim();
    for (;;) {
        const head = /^([A-Za-z]+)\s+eq\s+/.exec(rest);
        if (!head || !properties.includes(head[1]!)) {
            throw orchestratorErrors.invalidODataQuery(
                `Supported $filter: ${properties.map((p) => `${p} eq …`).join(", ")}, joined by 'or'.`,
            );
        }
        rest = rest.slice(head[0].length);
        const literal = readLiteral(rest);
        terms.push({ property: head[1]!, value: literal.value });
        rest = rest.slice(literal.length).trim();
        if (rest.length === 0) return terms;
        const or = /^or\s+/.exec(rest);
        if (!or) throw orchestratorErrors.invalidODataQuery("Terms of $filter must be joined by 'or'.");
        rest = rest.slice(or[0].length);
    }
}

function readLiteral(text: string): { value: string | number; length: number } {
    const number = /^-?\d+(?![\w'])/.exec(text);
    if (number) return { value: Number(number[0]), length: number[0].length };
    if (!text.startsWith("'"))
        throw orchestratorErrors.invalidODataQuery("Expected a quoted string or an integer after 'eq'.");
    let value = "";
    for (let i = 1; i < text.length; i++) {
        const c = text[i]!;
        if (c !== "'") {
            value += c;
            continue;
        }
        if (text[i + 1] === "'") {
            value += "'";
            i++;
            continue;
        }
        return { value, length: i + 1 };
    }
    throw orchestratorErrors.invalidODataQuery("Unterminated string literal in $filter.");
}

/** A string term on `property` matches a row where any of `over` contains the text (case-insensitively). */
export interface ContainsOver {
    property: string;
    over: readonly string[];
}

function matches(row: Row, terms: readonly Term[], contains: ContainsOver | undefined): boolean {
    return terms.some((t) => {
        const actual = row[t.property];
        if (typeof t.value === "number") return actual === t.value;
        const wanted = t.value.toLowerCase();
        if (contains && t.property === contains.property) {
            return contains.over.some((field) => {
                const text = row[field];
                return typeof text === "string" && text.toLowerCase().includes(wanted);
            });
        }
        return typeof actual === "string" && actual.toLowerCase() === wanted;
    });
}

function integerOption(query: URLSearchParams, name: string, max: number): number | undefined {
    const raw = query.get(name);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) > max)
        throw orchestratorErrors.invalidODataQuery(`${name} must be an integer from 0 to ${max}.`);
    return Number(raw);
}

function select(row: Row, fields: readonly string[] | undefined): Row {
    if (!fields) return row;
    return Object.fromEntries(fields.filter((f) => f in row).map((f) => [f, row[f]]));
}

/** `$select=Id,Name` → the field list; undefined when absent. Unknown fields are refused. */
export function selectOption(query: URLSearchParams, known: readonly string[]): string[] | undefined {
    const raw = query.get("$select");
    if (raw === null) return undefined;
    const fields = raw.split(",").map((f) => f.trim());
    const unknown = fields.filter((f) => !known.includes(f));
    if (unknown.length > 0) throw orchestratorErrors.invalidODataQuery(`Unknown $select field ${unknown.join(", ")}.`);
    return fields;
}

/**
 * Applies `$filter`, `$skip`, `$top`, `$select` to `rows` and wraps them in the collection
 * envelope `{"@odata.context", "@odata.count", value}`. `@odata.count` is the filtered total
 * before paging, always present (modeled: nothing public says whether it comes without `$count=true`).
 */
export function collection(
    rows: readonly Row[],
    query: URLSearchParams,
    options: { context: string; filterable: readonly string[]; fields: readonly string[]; contains?: ContainsOver },
): Row {
    const filter = query.get("$filter");
    const terms = filter === null || filter.trim() === "" ? undefined : parseFilter(filter, options.filterable);
    const filtered = terms === undefined ? [...rows] : rows.filter((r) => matches(r, terms, options.contains));
    const skip = integerOption(query, "$skip", Number.MAX_SAFE_INTEGER) ?? 0;
    const top = integerOption(query, "$top", MAX_TOP) ?? MAX_TOP;
    const count = query.get("$count");
    if (count !== null && count !== "true" && count !== "false")
        throw orchestratorErrors.invalidODataQuery("$count must be true or false.");
    const fields = selectOption(query, options.fields);
    const page = filtered.slice(skip, skip + top).map((r) => select(r, fields));
    return { "@odata.context": options.context, "@odata.count": filtered.length, value: page };
}

/** One entity with its `@odata.context` (`…/$metadata#Assets/$entity`), `$select` applied. */
export function entity(row: Row, query: URLSearchParams, context: string): Row {
    return { "@odata.context": context, ...select(row, selectOption(query, Object.keys(row))) };
}
