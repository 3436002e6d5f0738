/** Request-body parsing and JSON responses, kept apart from routing so each stays small. */
import type { ServerResponse } from "node:http";
import { errors } from "./errors";

/** What a route accepts as a body. "none" ignores any body (but the size cap still applies). */
export type BodyKind = "none" | "json" | "optionalJson" | "form" | "jsonOrForm";

export type ParsedBody =
    { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "form"; value: Record<string, string> };

/** `application/*+json` (e.g. application/json-patch+json) is accepted too: the media types of UiPath's swagger bodies. */
const JSON_TYPES = ["application/json", "text/json"];
const FORM_TYPES = ["application/x-www-form-urlencoded"];

function mediaType(header: string | undefined): string {
    return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

function isJsonType(type: string): boolean {
    return JSON_TYPES.includes(type) || type.endsWith("+json");
}

/** Applies the route's body rules: 415 for a wrong Content-Type, 400 for malformed JSON. */
export function parseBody(kind: BodyKind, contentType: string | undefined, raw: Buffer): ParsedBody {
    if (kind === "none") return { kind: "empty" };
    const type = mediaType(contentType);
    if (raw.length === 0) {
        if (kind === "json") throw errors.invalidRequest("A JSON request body is required.");
        if (kind === "form") return { kind: "form", value: {} };
        return { kind: "empty" };
    }
    const acceptsJson = kind === "json" || kind === "optionalJson" || kind === "jsonOrForm";
    const acceptsForm = kind === "form" || kind === "jsonOrForm";
    // Optional bodies ("{}" on revoke/regenerate) are often sent without a Content-Type: read them as JSON.
    const lenient = kind === "optionalJson" && type === "";
    if (acceptsJson && (isJsonType(type) || lenient)) {
        try {
            return { kind: "json", value: JSON.parse(raw.toString("utf8")) as unknown };
        } catch {
            throw errors.invalidRequest("The request body is not valid JSON.");
        }
    }
    if (acceptsForm && FORM_TYPES.includes(type)) {
        return { kind: "form", value: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))) };
    }
    throw errors.unsupportedMediaType([...(acceptsJson ? JSON_TYPES : []), ...(acceptsForm ? FORM_TYPES : [])]);
}

/** Writes a JSON response (or an empty one for 204); false when there is no one left to write to. */
export function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
): boolean {
    if (res.headersSent || !clientListening(res)) return false;
    if (status === 204 || body === undefined) {
        res.writeHead(status, headers);
        res.end();
        return true;
    }
    const payload = JSON.stringify(body);
    res.writeHead(status, {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(payload)),
    });
    res.end(payload);
    return true;
}

/** Whether the client's connection is still open to receive an answer. */
export function clientListening(res: ServerResponse): boolean {
    return !res.destroyed && res.socket !== null && res.socket.writable;
}
