/**
 * The contract fixtures of test/fixtures/wire/: one JSON file per request or response body,
 * each naming its public source. This module loads them, serves them from a tiny local HTTP
 * server that records what the provider sends, and compares a sent body with a documented one.
 */
import fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { z } from "zod";

export const WIRE_DIR = path.join(__dirname, "..", "fixtures", "wire");

/** A repository path at a commit, a URL, or (for a modeled body) the emulator file that models it. */
const SOURCE = /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}:\S|https?:\/\/\S|^emulator\/\S+\.ts \(modeled/;

export const wireFixtureSchema = z.strictObject({
    source: z.string().regex(SOURCE, "expected owner/repo@<40 hex>:path, a URL, or emulator/<file>.ts (modeled: ...)"),
    route: z.string().regex(/^(GET|POST|PUT|DELETE) \{(org|accountUrl|duUrl|cvUrl)\}\/\S*$/),
    /** Which of the provider's calls of one route the body is for, where a route takes two forms (the token route: a client secret, or `clientAssertion`). */
    variant: z
        .string()
        .regex(/^[a-z][A-Za-z]*$/)
        .optional(),
    direction: z.enum(["request", "response"]),
    /** swagger: a swagger UiPath published; docs: an example on docs.uipath.com; observed: UiPath's own or public client code; modeled: no public source. */
    form: z.enum(["swagger", "docs", "observed", "modeled"]),
    status: z.number().int().min(200).max(299).optional(),
    note: z.string().optional(),
    /** Top-level fields the source marks required (request bodies): the provider must send each. */
    required: z.array(z.string()).optional(),
    body: z.unknown(),
});
export type WireFixture = z.infer<typeof wireFixtureSchema> & { file: string };

/** The provider call a fixture belongs to: its route, and its variant in parentheses when it has one. */
export const callOf = (f: Pick<WireFixture, "route" | "variant">): string =>
    f.variant ? `${f.route} (${f.variant})` : f.route;

export function loadWireFixtures(): WireFixture[] {
    return fs
        .readdirSync(WIRE_DIR)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((file) => {
            const parsed = wireFixtureSchema.safeParse(JSON.parse(fs.readFileSync(path.join(WIRE_DIR, file), "utf8")));
            if (!parsed.success)
                throw new Error(
                    `${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
                );
            return { ...parsed.data, file };
        });
}

/** What the stub server received: the body parsed as JSON, or as a form. */
export interface ReceivedRequest {
    method: string;
    path: string;
    body: unknown;
}

/** An answer: a status and a body (null: no body). */
export interface StubAnswer {
    status: number;
    body: unknown;
}

/** A local server on a free port that answers through `answer` and records every request. */
export async function startWireStub(
    answer: (req: ReceivedRequest) => StubAnswer,
): Promise<{ url: string; received: ReceivedRequest[]; close(): Promise<void> }> {
    const received: ReceivedRequest[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const raw = Buffer.concat(chunks).toString("utf8");
            const form = String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
            const body =
                raw.length === 0
                    ? undefined
                    : form
                      ? Object.fromEntries(new URLSearchParams(raw))
                      : (JSON.parse(raw) as unknown);
            const request = { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0] ?? "/", body };
            received.push(request);
            const { status, body: out } = answer(request);
            if (out === null || out === undefined) {
                res.writeHead(status).end();
            } else {
                res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(out));
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        received,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}

const kind = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/**
 * Where a sent body leaves the documented one: a field the documentation does not have, or a
 * value of another JSON type (`types: false` compares field names only). Null on either side is
 * a nullable field and matches any type; a documented field the provider leaves out is fine.
 * An array element must match one of the documented elements.
 */
export function shapeMismatches(
    sent: unknown,
    documented: unknown,
    options: { types: boolean },
    at = "body",
): string[] {
    if (sent === null || documented === null || sent === undefined) return [];
    const [s, d] = [kind(sent), kind(documented)];
    const structured = (k: string) => k === "object" || k === "array";
    if (s !== d) return options.types || structured(s) || structured(d) ? [`${at}: sent ${s}, documented ${d}`] : [];
    if (s === "array") {
        const docs = documented as unknown[];
        if (docs.length === 0) return [];
        return (sent as unknown[]).flatMap((item, i) => {
            const each = docs.map((doc) => shapeMismatches(item, doc, options, `${at}[${i}]`));
            return each.some((m) => m.length === 0) ? [] : (each[0] ?? []);
        });
    }
    if (s === "object") {
        const doc = documented as Record<string, unknown>;
        return Object.entries(sent as Record<string, unknown>).flatMap(([key, value]) =>
            key in doc
                ? shapeMismatches(value, doc[key], options, `${at}.${key}`)
                : [`${at}.${key}: sent, not documented`],
        );
    }
    return [];
}
