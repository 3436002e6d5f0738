/**
 * Test helpers: start an emulator on port 0 with a manual clock, hand the test a small client
 * already pointed at it, close it afterwards.
 */
import { ManualClock, startEmulator, USER_KEY_CLIENT_ID, type Emulator, type EmulatorOptions } from "../../emulator";
import { DEMO_ORG_ID } from "../../emulator/config";

export const T0 = Date.parse("2025-01-01T00:00:00.000Z");

/** The demo seed's fixed values. */
export const DEMO = {
    org: "demo-org",
    pg: DEMO_ORG_ID,
    tenant: "DefaultTenant",
    adminPat: "demo-pat-admin",
    assignedPat: "demo-pat-assigned",
    viewerPat: "demo-pat-viewer",
    clientId: "demo-client",
    clientSecret: "demo-secret",
    aadAdminPat: "demo-pat-aad-admin",
    retiredAdminPat: "demo-pat-retired-admin",
} as const;

export interface ApiResponse {
    status: number;
    headers: Headers;
    /** Parsed JSON, or the raw text when the body is not JSON (undefined when empty). */
    body: unknown;
}

export interface RequestOptions {
    token?: string;
    headers?: Record<string, string>;
    json?: unknown;
    form?: Record<string, string>;
    /** Raw body, sent as is (set Content-Type through `headers`; bytes are sent without one). */
    raw?: string | Uint8Array;
}

/** A thin fetch wrapper: never throws on HTTP status, parses JSON bodies. */
export class Api {
    constructor(readonly baseUrl: string) {}

    async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
        const headers: Record<string, string> = { ...options.headers };
        let body: string | Uint8Array | undefined = options.raw;
        if (options.token) headers.Authorization = `Bearer ${options.token}`;
        if (options.json !== undefined) {
            headers["Content-Type"] ??= "application/json";
            body = JSON.stringify(options.json);
        }
        if (options.form) {
            headers["Content-Type"] ??= "application/x-www-form-urlencoded";
            body = new URLSearchParams(options.form).toString();
        }
        const res = await fetch(this.baseUrl + path, { method, headers, body });
        const text = await res.text();
        let parsed: unknown = text.length === 0 ? undefined : text;
        if (text.length > 0 && (res.headers.get("content-type") ?? "").includes("json")) parsed = JSON.parse(text);
        return { status: res.status, headers: res.headers, body: parsed };
    }

    get(path: string, options?: RequestOptions): Promise<ApiResponse> {
        return this.request("GET", path, options);
    }
    post(path: string, options?: RequestOptions): Promise<ApiResponse> {
        return this.request("POST", path, options);
    }
    put(path: string, options?: RequestOptions): Promise<ApiResponse> {
        return this.request("PUT", path, options);
    }
    delete(path: string, options?: RequestOptions): Promise<ApiResponse> {
        return this.request("DELETE", path, options);
    }

    /** Client-credentials token; throws unless 200. */
    async appToken(org: string, clientId: string, clientSecret: string, scope?: string): Promise<string> {
        const form: Record<string, string> = {
            grant_type: "client_credentials",
            client_id: clientId,
            client_secret: clientSecret,
        };
        if (scope !== undefined) form.scope = scope;
        const res = await this.post(`/${org}/identity_/connect/token`, { form });
        if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${JSON.stringify(res.body)}`);
        return field(res.body, "access_token");
    }

    /** POST /oauth/token with a user key (raw response). */
    exchangeUserKey(userKey: string, clientId: string = USER_KEY_CLIENT_ID): Promise<ApiResponse> {
        return this.post("/oauth/token", {
            json: { grant_type: "refresh_token", client_id: clientId, refresh_token: userKey },
        });
    }

    /** The current Orchestrator user key of a tenant, read as the demo admin. */
    async userKey(org = DEMO.org, tenant = DEMO.tenant, pat = DEMO.adminPat): Promise<string> {
        const res = await this.get(`/${org}/portal_/api/apiAccess/tenants/${tenant}/services/orchestrator`, {
            token: pat,
        });
        if (res.status !== 200) throw new Error(`reading the user key failed: ${res.status}`);
        return field(res.body, "userKey");
    }
}

/** A string property of a JSON body (fails loudly otherwise). */
export function field(body: unknown, name: string): string {
    const value = (body as Record<string, unknown> | undefined)?.[name];
    if (typeof value !== "string") throw new Error(`expected string '${name}' in ${JSON.stringify(body)}`);
    return value;
}

/**
 * The emulator's name for the condition that refused a request (its `X-Emulator-Error` header;
 * UiPath's bodies carry an integer `errorCode`, see {@link errorResult}).
 */
export function errorCode(res: ApiResponse): string | null {
    return res.headers.get("x-emulator-error");
}

/** Checks a body is Orchestrator's ErrorResult as sent on the wire and returns it. */
export function errorResult(res: ApiResponse): { message: string; errorCode: number; traceId: string } {
    const body = res.body as { message?: unknown; errorCode?: unknown; traceId?: unknown } | undefined;
    if (
        typeof body?.message !== "string" ||
        !Number.isInteger(body.errorCode) ||
        typeof body.traceId !== "string" ||
        !TRACE_ID.test(body.traceId)
    ) {
        throw new Error(
            `expected {message, errorCode: <integer>, traceId: "00-<32 hex>-<16 hex>-00"}, got ${JSON.stringify(body)}`,
        );
    }
    return body as { message: string; errorCode: number; traceId: string };
}

/** W3C traceparent, as in UiPath's error bodies. */
export const TRACE_ID = /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/;

export interface EmulatorHarness {
    emu: Emulator;
    api: Api;
    clock: ManualClock;
}

/** Starts an emulator (port 0, manual clock at {@link T0}), runs `fn`, always closes it. */
export async function withEmulator<T>(
    options: EmulatorOptions | ((h: EmulatorHarness) => Promise<T>),
    maybeFn?: (h: EmulatorHarness) => Promise<T>,
): Promise<T> {
    const fn = typeof options === "function" ? options : maybeFn;
    const opts = typeof options === "function" ? {} : options;
    if (!fn) throw new Error("withEmulator needs a callback");
    const clock = opts.clock instanceof ManualClock ? opts.clock : new ManualClock(T0);
    const emu = await startEmulator({ ...opts, port: 0, clock });
    try {
        return await fn({ emu, api: new Api(emu.url), clock });
    } finally {
        await emu.close();
    }
}
