/**
 * Turns a failed HTTP exchange into one of the provider's errors, with one
 * line that says what happened and what to do. It keys on what UiPath's
 * services really send, never on text:
 *  - the HTTP status;
 *  - the OAuth `error` field of the token endpoints (Identity is Duende
 *    IdentityServer: every token error is 400; the account host's user-key
 *    exchange answers `invalid_grant` for an unknown or revoked key, with a
 *    status of its own, so the status is not looked at for it);
 *  - Orchestrator's `ErrorResult` `{message, errorCode: <integer>, traceId}`
 *    (1002 = item not found, documented);
 *  - Identity's validation body `{errors: {field: [message]}}`;
 *  - Document Understanding's `{errorMessage, …}`.
 * The server's own words are kept (redacted) where they add something.
 *
 * Every error carries UiPath's facts as fields (errors.ts `UiPathFacts`): the integer
 * `errorCode`, the OAuth `error` as `oauthError`, the `traceId` (which also ends the
 * message, for UiPath support), and the request's method and path. Callers decide on
 * those and on the status, never on the message.
 */
import {
    AuthenticationError,
    NotFoundError,
    NetworkError,
    PermissionError,
    RateLimitedError,
    redact,
    RequestFailedError,
    ServiceUnavailableError,
    UiPathError,
    UserKeyAccessRetiredError,
} from "../reporting/errors";

interface ErrorBody {
    /** ErrorResult, and identity's other errors. */
    message?: unknown;
    errorCode?: unknown;
    traceId?: unknown;
    /** OAuth. */
    error?: unknown;
    error_description?: unknown;
    /** ASP.NET validation. */
    errors?: unknown;
    /** Document Understanding. */
    errorMessage?: unknown;
}

function parseBody(body: string): ErrorBody {
    try {
        const parsed: unknown = JSON.parse(body);
        return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as ErrorBody) : {};
    } catch {
        return {};
    }
}

/** `{errors: {field: ["msg"]}}` → `field: msg; …`. */
function validationText(errors: unknown): string {
    if (!errors || typeof errors !== "object" || Array.isArray(errors)) return "";
    return Object.entries(errors as Record<string, unknown>)
        .map(
            ([field, messages]) =>
                `${field}: ${Array.isArray(messages) ? messages.map(String).join(" ") : String(messages)}`,
        )
        .join("; ");
}

const text = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * ErrorResult `traceId`: a W3C traceparent, "00-<32 hex>-<16 hex>-00" (UiPath's TS SDK,
 * UiPath/uipath-typescript@9d200a118ec66b3062bb41d7147d96c18a20ab74:src/core/errors/types.ts).
 * Any other short token of that alphabet is kept too; anything else is not put in a message.
 */
const traceIdOf = (v: unknown): string | undefined =>
    typeof v === "string" && /^[0-9A-Za-z-]{1,128}$/.test(v) ? v : undefined;

/** The integer ErrorResult `errorCode` (swagger v20 `ErrorResult.ErrorCode`, int32). */
const errorCodeOf = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);

/**
 * Identity's refusal of a user scope in a client-credentials token request: `400 invalid_request`,
 * "Client=<id> is not allowed to access User scopes", naming no scope (observed on Cloud, recorded in
 * UiPath-Services/UiPathOrch@767be6c88a5699fe6bf6dbd2fd95d6cd9e113b89
 * UiPathOrch/PlatformManagementCmdlet/PmExternalCmdlet/TestPmExternalApplication.cs). The error code
 * is shared with real request bugs, so the description is the only signal UiPath gives.
 */
const userScopeRefusal = (description: string): boolean => /not allowed to access user scopes/i.test(description);

/** ErrorResult `errorCode` of an item that does not exist ("Response codes", Orchestrator API guide). */
const ITEM_NOT_FOUND = 1002;

const useExternalApp =
    "use an external application (OAuth client credentials: uipath:clientId and uipath:clientSecret) or a personal access token";

export function describeHttpFailure(f: {
    what: string;
    /** The request's method and path (without the query), kept on the error as facts. */
    method?: string;
    path?: string;
    organization: string;
    status: number;
    body: string;
    secrets: string[];
    cause: unknown;
    attempts: number;
    /** Set on a token request with a client assertion: how the user named it. */
    signingInWith?: string;
}): UiPathError {
    const body = parseBody(f.body);
    const oauth = text(body.error);
    const server = redact(
        text(body.message) || text(body.error_description) || text(body.errorMessage) || validationText(body.errors),
        f.secrets,
    );
    const said = server ? ` (UiPath said: ${server})` : "";
    const opts = {
        cause: f.cause,
        status: f.status,
        errorCode: errorCodeOf(body.errorCode),
        oauthError: oauth || undefined,
        traceId: traceIdOf(body.traceId),
        method: f.method,
        path: f.path,
    };
    const org = `organization '${f.organization}'`;

    // UiPath's only signal that uipath:scopes names a user scope; any other invalid_request is a bug of ours (below).
    if (oauth === "invalid_request" && userScopeRefusal(text(body.error_description))) {
        return new PermissionError(
            `${f.what}: UiPath gives an external application's client-credentials token application scopes only, and uipath:scopes for ${org} names a user scope (${f.status} invalid_request); remove the user scopes from uipath:scopes, or grant them to the application as application scopes${said}`,
            opts,
        );
    }
    switch (oauth) {
        case "invalid_grant":
            return new AuthenticationError(
                `${f.what}: this user key was revoked or is wrong (${f.status} invalid_grant); read the tenant's current user key (Admin > Tenants > Services > API Access) or let Pulumi rotate it${said}`,
                opts,
            );
        case "invalid_client":
            // UiPath's answer is the only place that says which claim or credential to fix.
            if (f.signingInWith)
                return new AuthenticationError(
                    `${f.what}: UiPath refused ${f.signingInWith} for ${org} (${f.status} invalid_client)${said}; fix the federated credential or where the assertion comes from`,
                    opts,
                );
            return new AuthenticationError(
                `${f.what}: UiPath rejected the credentials for ${org} (${f.status} invalid_client); check uipath:clientId and uipath:clientSecret: they may be wrong, deleted or expired`,
                opts,
            );
        case "invalid_scope":
            return new PermissionError(
                `${f.what}: the external application may not request the scopes in uipath:scopes for ${org} (invalid_scope); grant them to the application as application scopes, or change uipath:scopes${said}`,
                opts,
            );
        case "unauthorized_client":
            return new AuthenticationError(
                `${f.what}: the external application may not use client credentials (unauthorized_client); make it confidential and give it application scopes, not only user scopes${said}`,
                opts,
            );
        case "unsupported_grant_type":
        case "invalid_request":
            return new RequestFailedError(
                `${f.what}: the token endpoint refused the request (${f.status} ${oauth})${said}; this is a bug of pulumi-uipath-keys, please report it`,
                opts,
            );
    }

    if (f.status === 401) {
        return new AuthenticationError(
            `${f.what}: UiPath rejected the credentials for ${org} (401); check uipath:clientId and uipath:clientSecret (or uipath:accessToken): they may be wrong, deleted or expired${said}`,
            opts,
        );
    }
    if (f.status === 410) {
        return new UserKeyAccessRetiredError(
            `${f.what}: UiPath has retired Orchestrator user-key (API key) authentication for ${org}; ${useExternalApp}${said}`,
            opts,
        );
    }
    if (f.status === 403) {
        return new PermissionError(
            `${f.what}: UiPath refused this call for ${org} (403)${said}; use credentials allowed to do it (see the README's "Configuration": which credential each resource needs)`,
            opts,
        );
    }
    if (f.status === 404 && body.errorCode === ITEM_NOT_FOUND) {
        // Orchestrator's documented "item not found": the organization, tenant or service the
        // path names is gone. A 404 without it (no such route, a wrong baseUrl) says nothing about the key.
        return new NotFoundError(
            `${f.what}: the organization, tenant or service this names does not exist in ${org} (404, errorCode 1002); check the logical names (as in the URL) or whether it was deleted or renamed${said}`,
            { ...opts, missing: "organization, tenant or service" },
        );
    }
    if (f.status === 404 || body.errorCode === ITEM_NOT_FOUND) {
        return new NotFoundError(
            `${f.what}: not found in ${org} (${f.status})${said}; check the names (logical names, as in the URL)`,
            opts,
        );
    }
    if (f.status === 429) {
        return new RateLimitedError(
            `${f.what}: UiPath is still rate limiting ${org} after ${f.attempts} retries; wait a few minutes and run again (the state is unchanged for this resource)`,
            opts,
        );
    }
    if (f.status >= 500) {
        return new ServiceUnavailableError(
            `${f.what}: UiPath answered ${f.status} after ${f.attempts} retries; try again later${said}`,
            opts,
        );
    }
    if (f.status === 400 && body.errors !== undefined) {
        return new RequestFailedError(`${f.what}: UiPath refused the request as invalid (400)${said}`, opts);
    }
    const code = opts.errorCode === undefined ? "" : ` errorCode ${opts.errorCode}`;
    return new RequestFailedError(`${f.what}: UiPath answered ${f.status}${code}${said}`, opts);
}

export function describeNetworkFailure(f: {
    what: string;
    baseUrl: string;
    cause: unknown;
    code?: string;
    idempotent: boolean;
}): UiPathError {
    const note = f.idempotent ? "" : "; the call may or may not have taken effect";
    return new NetworkError(`${f.what}: could not reach ${f.baseUrl} (${f.code ?? "network error"})${note}`, {
        cause: f.cause,
    });
}
