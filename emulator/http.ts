/** Request-body reading and JSON responses, kept apart from routing so each stays small. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors } from "./errors";

/** What a route accepts as a body. "none" ignores any body (but still enforces the size cap). */
export type BodyKind = "none" | "json" | "optionalJson" | "form" | "jsonOrForm";

export type ParsedBody =
    | { kind: "empty" }
    | { kind: "json"; value: unknown }
    | { kind: "form"; value: Record<string, string> };

const JSON_TYPES = ["application/json"];
const FORM_TYPES = ["application/x-www-form-urlencoded"];

/** The client went away before its body ended: nobody to answer, nothing to report. */
export class ClientGoneError extends Error {
    override readonly name = "ClientGoneError";
    constructor() {
        super("client closed the connection before the request body ended");
    }
}

/**
 * Reads the body up to `maxBytes`. A declared Content-Length over the cap is refused before
 * reading; an undeclared (chunked) one is refused as soon as it crosses the cap, and reading
 * stops there, so a huge upload is never buffered.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(errors.payloadTooLarge(maxBytes));
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (chunk: Buffer): void => {
            size += chunk.length;
            if (size > maxBytes) {
                cleanup();
                req.pause();
                reject(errors.payloadTooLarge(maxBytes));
                return;
            }
            chunks.push(chunk);
        };
        const onEnd = (): void => {
            cleanup();
            resolve(Buffer.concat(chunks));
        };
        const onError = (): void => {
            cleanup();
            reject(new ClientGoneError());
        };
        // A client that hangs up mid-body must not leave the request pending forever.
        const onClose = (): void => {
            cleanup();
            reject(new ClientGoneError());
        };
        const cleanup = (): void => {
            req.off("data", onData);
            req.off("end", onEnd);
            req.off("error", onError);
            req.off("close", onClose);
        };
        req.on("data", onData);
        req.on("end", onEnd);
        req.on("error", onError);
        req.on("close", onClose);
    });
}

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

/** Writes a JSON response (or an empty one for 204). */
export function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
): void {
    if (res.headersSent || res.destroyed) return;
    if (status === 204 || body === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
    }
    const payload = JSON.stringify(body);
    res.writeHead(status, {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(payload)),
    });
    res.end(payload);
}
