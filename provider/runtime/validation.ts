/**
 * Turns zod issues into the engine's check failures: one per field, naming
 * the field and what is expected. Values still unknown during preview pass;
 * they are checked again when known.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

/** A UiPath logical name (organization, tenant, service), as it appears in URLs. */
export function logicalNameSchema(what: string, where: string): z.ZodString {
    return z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, `expected the ${what}'s logical name (letters, digits, '-' or '_'), ${where}`);
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

export function checkInputs(schema: z.ZodType, inputs: Record<string, unknown>): CheckFailure[] {
    // The engine adds these; they are not the user's inputs.
    const userInputs = Object.fromEntries(Object.entries(inputs).filter(([k, v]) => k !== "__provider" && v !== undefined));
    const result = schema.safeParse(userInputs);
    if (result.success) return [];
    const failures: CheckFailure[] = [];
    for (const issue of result.error.issues) {
        // An unknown anywhere on the path means "not known yet", not "wrong".
        const path = issue.path;
        if (path.some((_, i) => holdsUnknown(valueAt(userInputs, path.slice(0, i + 1))))) continue;
        const property = path.length > 0 ? path.map(String).join(".") : "(inputs)";
        // The first problem of a field is the one to fix; later checks on it add noise.
        if (failures.some((f) => f.property === property)) continue;
        const reason = issue.code === "unrecognized_keys" ? `unknown input(s) ${issue.keys.join(", ")}` : issue.message;
        failures.push({ property, reason: `${property}: ${reason}` });
    }
    return failures;
}
