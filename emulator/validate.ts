/** zod → `errors.validationFailed` bridge: field errors keyed by the top-level field name. */
import type { z } from "zod";
import { errors } from "./errors";
import type { ParsedBody } from "./http";

/** The JSON object of a request body; anything else is a validation error on `body`. */
export function jsonObject(body: ParsedBody): Record<string, unknown> {
    if (body.kind === "json" && typeof body.value === "object" && body.value !== null && !Array.isArray(body.value)) {
        return body.value as Record<string, unknown>;
    }
    if (body.kind === "empty") return {};
    throw errors.validationFailed({ body: ["The request body must be a JSON object."] });
}

/** Parses `input` with `schema` or throws 400 with `{field: [messages]}`. */
export function validate<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.output<S> {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? String(issue.path[0]) : "body";
        const missing = issue.path.length === 1 && input[field] === undefined;
        const message = missing ? `The ${field} field is required.` : issue.message;
        (fieldErrors[field] ??= []).push(message);
    }
    throw errors.validationFailed(fieldErrors);
}
