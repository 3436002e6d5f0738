/**
 * The one HTTP client: a got instance per organization connection, with the
 * bearer token added by a hook (and refreshed once on a 401), timeouts, and
 * retries that honour `Retry-After`. Non-idempotent calls (regenerate, revoke)
 * are retried only on 429, where the server refused before doing anything.
 * Reads many resources need go through {@link UiPathClient.shared} (one request
 * per organization and credential per run, see ./sharedReads.ts); every write
 * drops that organization's shared reads, whatever its outcome.
 */
import { createHash } from "node:crypto";
import type { Got, OptionsInit, RequestError, Response, RetryOptions } from "got";
import type { Clock } from "../clock";
import { connectionSecrets, type Connection } from "../inputs/connection";
import { describeHttpFailure, describeNetworkFailure } from "./httpErrors";
import { UiPathError, UnexpectedResponseError } from "../reporting/errors";
import type { HttpMethod, RequestSpec, UiPathResponse } from "./request";
import { defaultRetryAfterMaxMs, retryDelayMs } from "./retry";
import type { SharedReads } from "./sharedReads";
import { TokenSource, type TokenCache } from "./tokens";

/**
 * got, loaded when the first client is built: the program side and `check`
 * never pay for it. got is an ES module, which Node 20.19+ can `require`.
 */
function loadGot(): Got {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
    return (require("got") as typeof import("got")).default;
}

const idempotentMethods: HttpMethod[] = ["GET", "PUT", "DELETE", "HEAD"];
const retriedStatusCodes = [429, 502, 503, 504];
const retriedErrorCodes = ["ETIMEDOUT", "ECONNRESET", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH"];

export interface ClientOptions {
    clock: Clock;
    /** The provider process's shared tokens (`ProviderContext.tokens`). */
    tokens: TokenCache;
    /** The provider process's shared reads (`ProviderContext.reads`); none: every read is sent. */
    reads?: SharedReads;
    /** Retries after the first attempt (default 4). */
    retryLimit?: number;
    /** Base of the exponential backoff when the server gives no `Retry-After` (default 250 ms). */
    retryBaseMs?: number;
    /** Whole-request timeout (default 30 s; `UIPATH_HTTP_TIMEOUT_MS` overrides). */
    timeoutMs?: number;
}

export class UiPathClient {
    private readonly http: Got;
    private readonly tokens: TokenSource;
    private readonly reads: SharedReads | undefined;
    private readonly secrets: string[];
    /** The full retry options: got replaces, not merges, a per-request `retry`. */
    private readonly retry: Partial<RetryOptions>;

    constructor(
        readonly connection: Connection,
        options: ClientOptions,
    ) {
        const clock = options.clock;
        this.reads = options.reads;
        this.secrets = connectionSecrets(connection);
        this.tokens = new TokenSource(connection, { cache: options.tokens, clock, send: (spec) => this.send(spec) });
        const timeout = Number(process.env.UIPATH_HTTP_TIMEOUT_MS) || options.timeoutMs || 30_000;
        const tokens = this.tokens;
        this.retry = {
            limit: options.retryLimit ?? 4,
            methods: idempotentMethods,
            statusCodes: retriedStatusCodes,
            errorCodes: retriedErrorCodes,
            // got gives up at once on a longer Retry-After; Identity's may be a whole window.
            maxRetryAfter: defaultRetryAfterMaxMs,
            // got reads 0 as "do not retry", so a retry that may go at once waits 1 ms.
            calculateDelay: ({ attemptCount, error, computedValue }) =>
                computedValue === 0
                    ? 0
                    : Math.max(
                          1,
                          retryDelayMs({
                              attempt: attemptCount,
                              retryAfter: headerValue(error.response?.headers["retry-after"]),
                              now: clock.now(),
                              random: Math.random(),
                              baseMs: options.retryBaseMs,
                          }),
                      ),
        };
        this.http = loadGot().extend({
            prefixUrl: connection.baseUrl,
            timeout: { request: timeout },
            responseType: "text",
            headers: { "user-agent": "pulumi-uipath-keys", accept: "application/json" },
            retry: this.retry,
            hooks: {
                beforeRequest: [
                    async (opts) => {
                        if (opts.context.authenticate !== false)
                            opts.headers.authorization = `Bearer ${await tokens.token()}`;
                    },
                ],
                afterResponse: [
                    async (response, retryWithMergedOptions) => {
                        const ctx = response.request.options.context;
                        // A cached token may have been revoked or expired early: get a fresh one, once.
                        if (
                            response.statusCode === 401 &&
                            ctx.authenticate !== false &&
                            !ctx.tokenRefreshed &&
                            tokens.canRefresh
                        ) {
                            tokens.invalidate();
                            return retryWithMergedOptions({
                                context: { ...ctx, tokenRefreshed: true },
                                headers: { authorization: `Bearer ${await tokens.token()}` },
                            });
                        }
                        return response;
                    },
                ],
            },
        });
    }

    /** The organization as the first path segment of management API calls. */
    get organizationPath(): string {
        return encodeURIComponent(this.connection.organization);
    }

    /** What a write invalidates: this organization's shared reads (`{org}` as the connection spells it). */
    private get readScope(): string {
        return `${this.connection.baseUrl}|${this.connection.organization}`;
    }

    /** Who reads: two credentials of one organization may see different things, so they share nothing. */
    private get caller(): string {
        const auth = this.connection.auth;
        if (auth.kind === "accessToken")
            return `pat:${createHash("sha256").update(auth.token).digest("hex").slice(0, 16)}`;
        return `app:${auth.clientId}|${auth.scopes ?? ""}`;
    }

    /**
     * `load()`'s answer, shared with every resource of this organization and credential in this
     * run: one request however many ask (see ./sharedReads.ts). `keptAcrossWrites` for what no
     * write of this provider changes (the scope catalog, the organization's id).
     */
    shared<T>(what: string, load: () => Promise<T>, options: { keptAcrossWrites?: boolean } = {}): Promise<T> {
        if (!this.reads) return load();
        const scope = options.keptAcrossWrites ? `${this.readScope}|kept` : this.readScope;
        return this.reads.read(scope, `${what}|${this.caller}`, load);
    }

    /** The bearer token this client sends (fetched or taken from the cache as a request would). */
    accessToken(): Promise<string> {
        return this.tokens.token();
    }

    /** Sends a request and validates the JSON answer; failures become one-line, secret-free errors. */
    async send<T>(spec: RequestSpec<T>): Promise<UiPathResponse<T>> {
        const secrets = [...this.secrets, ...(spec.secrets ?? [])];
        const what = `${spec.method} /${spec.path}`;
        const options: OptionsInit = {
            method: spec.method,
            json: spec.json,
            form: spec.form,
            headers: spec.headers,
            context: { authenticate: spec.authenticate !== false },
        };
        if (spec.baseUrl) options.prefixUrl = spec.baseUrl;
        const idempotent = spec.idempotent ?? idempotentMethods.includes(spec.method);
        if (!idempotent) {
            // Only a 429 proves the server did nothing; anything else is left to the caller.
            options.retry = { ...this.retry, methods: [spec.method], statusCodes: [429], errorCodes: [] };
        } else if (!idempotentMethods.includes(spec.method)) {
            options.retry = { ...this.retry, methods: [spec.method] };
        }
        // A write, even a failed one (it may have taken effect), makes this organization's shared reads stale.
        const writes = !["GET", "HEAD"].includes(spec.method) && spec.authenticate !== false;
        let response: Response<string>;
        try {
            response = (await this.http(spec.path, options)) as Response<string>;
        } catch (err) {
            // A failure inside a hook (the token fetch) arrives wrapped; it is already ours.
            const ours = err instanceof UiPathError ? err : (err as { cause?: unknown }).cause;
            if (ours instanceof UiPathError) throw ours;
            const requestError = err as RequestError;
            if (requestError.response) {
                throw describeHttpFailure({
                    what,
                    method: spec.method,
                    // The query is left out: it holds OData filters, which say nothing about the route.
                    path: `/${spec.path.split("?")[0]}`,
                    organization: this.connection.organization,
                    status: requestError.response.statusCode,
                    body: String(requestError.response.body ?? ""),
                    secrets,
                    cause: err,
                    attempts: requestError.request?.retryCount ?? 0,
                    signingInWith: spec.signingInWith,
                });
            }
            throw describeNetworkFailure({
                what,
                baseUrl: spec.baseUrl ?? this.connection.baseUrl,
                cause: err,
                code: requestError.code,
                idempotent,
            });
        } finally {
            if (writes) this.reads?.invalidate(this.readScope);
        }
        const raw = response.body;
        let parsed: unknown = undefined;
        if (raw.length > 0) {
            try {
                parsed = JSON.parse(raw);
            } catch (cause) {
                throw new UnexpectedResponseError(
                    `UiPath answered ${what} with a body that is not JSON; nothing was changed in state`,
                    { cause },
                );
            }
        }
        const checked = spec.schema.safeParse(parsed);
        if (!checked.success) {
            // Name the fields, never their values: they may be keys.
            const fields = checked.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
            throw new UnexpectedResponseError(
                `UiPath answered ${what} with an unexpected shape (${fields}); the API may have changed. Nothing was written to state`,
            );
        }
        return { status: response.statusCode, body: checked.data };
    }
}

function headerValue(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}
