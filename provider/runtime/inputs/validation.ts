/**
 * Turns zod issues into the engine's check failures: one per field, naming
 * the field and what is expected. Values still unknown during preview pass;
 * they are checked again when known.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nearestName } from "./nearestName";

/** A UiPath logical name (organization, tenant, service), as it appears in URLs. */
export function logicalNameSchema(what: string, where: string): z.ZodString {
    return z
        .string()
        .regex(
            /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
            `expected the ${what}'s logical name (letters, digits, '-' or '_'), ${where}`,
        );
}

export interface CheckFailure {
    property: string;
    reason: string;
}

/** Whether a value is, or holds, the engine's marker for a value unknown during preview. */
export function holdsUnknown(value: unknown): boolean {
    if (value === pulumi.runtime.unknownValue) return true;
    if (Array.isArray(value)) return value.some(holdsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(holdsUnknown);
    return false;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current = root;
    for (const key of path) {
        if (!current || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

/** The names a schema knows at `path` (an object's keys, through optional and refined wrappers). */
function knownNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
    let current: z.ZodType | undefined = schema;
    for (let i = 0; i <= path.length && current; i++) {
        while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault)
            current = current.unwrap() as z.ZodType;
        if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
        if (!(current instanceof z.ZodObject)) return [];
        if (i === path.length) return Object.keys(current.shape);
        current = (current.shape as Record<string, z.ZodType>)[String(path[i])];
    }
    return [];
}

/**
 * Checks inputs against a kind's schema. Each failure is attached to the
 * input the user wrote (`property`, top-level: the engine shows it with its
 * value, or `[secret]`); a failure inside an input names the nested field in
 * its reason. An unknown input gets a "did you mean" when a known name is
 * close.
 */
export function checkInputs(schema: z.ZodType, inputs: Record<string, unknown>): CheckFailure[] {
    // The engine adds these; they are not the user's inputs.
    const userInputs = Object.fromEntries(
        Object.entries(inputs).filter(([k, v]) => k !== "__provider" && v !== undefined),
    );
    const result = schema.safeParse(userInputs);
    if (result.success) return [];
    const failures: CheckFailure[] = [];
    const seen = new Set<string>();
    const add = (property: string, field: string, reason: string): void => {
        // The first problem of a field is the one to fix; later checks on it add noise.
        if (seen.has(field)) return;
        seen.add(field);
        failures.push({ property, reason });
    };
    for (const issue of result.error.issues) {
        // An unknown anywhere on the path means "not known yet", not "wrong".
        const path = issue.path;
        if (path.some((_, i) => holdsUnknown(valueAt(userInputs, path.slice(0, i + 1))))) continue;
        if (issue.code === "unrecognized_keys") {
            const known = knownNamesAt(schema, path);
            for (const key of issue.keys) {
                const suggestion = nearestName(key, known);
                const field = [...path.map(String), key].join(".");
                const hint = suggestion
                    ? `; did you mean ${suggestion}?`
                    : known.length > 0
                      ? ` (known: ${known.join(", ")})`
                      : "";
                // A misspelled top-level input is what the user wrote; inside one, the input holding it is.
                add(
                    path.length === 0 ? key : String(path[0]),
                    field,
                    `${path.length === 0 ? "unknown input" : `${field}: unknown setting`}${hint}`,
                );
            }
            continue;
        }
        if (path.length === 0) {
            add("", "(inputs)", issue.message);
            continue;
        }
        const field = path.map(String).join(".");
        add(String(path[0]), field, path.length === 1 ? issue.message : `${field}: ${issue.message}`);
    }
    return failures;
}
