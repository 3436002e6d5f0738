/**
 * The one error factory. Handlers throw {@link EmulatorError}s built here; the server renders
 * them in the style of the route that failed:
 *  - "portal"     (orchestrator_, portal_, cv, gateway): Orchestrator's `ErrorResult` as it is sent
 *                 on the wire, `{message, errorCode: <integer>, traceId: "00-<32 hex>-<16 hex>-00"}`
 *                 (documented for orchestrator_; the emulator's choice for the modeled routes)
 *  - "identity"   (identity_/api): validation failures as ASP.NET's `{errors: {field: [message]}}`,
 *                 the rest as "portal"
 *  - "oauth"      (token endpoints): `{error, error_description?}`
 *  - "duMetering" (the Document Understanding host): `{errorMessage, errorMessageKey,
 *                 errorMessageParams, isSuccess, hasErrors}`
 * Messages never contain a secret value.
 *
 * Every error also carries the emulator's own name for the condition in an `X-Emulator-Error`
 * header (not UiPath's; for tests and debugging — the provider never reads it).
 *
 * Naming rule (checked by test/emulator/errors.test.ts): a factory's name is its code in
 * lowerCamelCase — `tenantNotFound` → `TenantNotFound`, `oauthErrors.invalidGrant` →
 * `invalid_grant` — so a code found in a log leads straight to the one place that makes it.
 */
import type { AuditFacts } from "./audit";

export type ErrorStyle = "portal" | "identity" | "oauth" | "duMetering";

export interface ErrorExtras {
    /** Field → messages; rendered as `{errors}` on identity routes and as `details` elsewhere. */
    fieldErrors?: Record<string, string[]>;
    /** OAuth `error` value, for token endpoints. */
    oauthError?: string;
    headers?: Record<string, string>;
    /** ErrorResult `details` (a string in UiPath's schema). */
    details?: string;
}

/**
 * ErrorResult `errorCode` values. Documented ones ("Response codes", Orchestrator API guide,
 * https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/response-codes):
 * 1000 "Invalid request!", 1002 item not found. No code is published for the rest: 0.
 */
const ERROR_RESULT_CODES: Record<string, number> = {
    InvalidRequest: 1000,
    ValidationFailed: 1000,
    InvalidPartition: 1000,
    TenantNotFound: 1002,
    ServiceNotFound: 1002,
    OrganizationNotFound: 1002,
    ExternalApplicationNotFound: 1002,
    SecretNotFound: 1002,
    FederatedCredentialNotFound: 1002,
};

export class EmulatorError extends Error {
    override readonly name = "EmulatorError";
    /** What the audit should know about a refused request that only the handler found out. */
    audit: AuditFacts | undefined;

    constructor(
        readonly status: number,
        /** The emulator's name for the condition (sent as `X-Emulator-Error`, never in the body). */
        readonly errorCode: string,
        message: string,
        readonly extras: ErrorExtras = {},
    ) {
        super(message);
    }

    /** Attaches {@link AuditFacts} (e.g. the org of a refused user key) and returns the error, for `throw`. */
    about(facts: AuditFacts): this {
        this.audit = facts;
        return this;
    }
}

export interface RenderedError {
    status: number;
    headers: Record<string, string>;
    body: unknown;
}

/** Turns any thrown value into a response; unknown errors become a 500 without internals. */
export function renderError(err: unknown, style: ErrorStyle, traceId: string): RenderedError {
    const e = err instanceof EmulatorError ? err : errors.internalServerError();
    const headers = { ...(e.extras.headers ?? {}), "X-Emulator-Error": e.errorCode };
    if (style === "identity" && e.extras.fieldErrors) {
        return { status: e.status, headers, body: { errors: e.extras.fieldErrors } };
    }
    if (style === "oauth" && (e.extras.oauthError || e.status === 400)) {
        const body: Record<string, string> = { error: e.extras.oauthError ?? "invalid_request" };
        if (e.message) body.error_description = e.message;
        return { status: e.status, headers, body };
    }
    if (style === "duMetering") {
        const body = {
            errorMessage: e.message,
            errorMessageKey: e.errorCode,
            errorMessageParams: [],
            isSuccess: false,
            hasErrors: true,
        };
        return { status: e.status, headers, body };
    }
    const body: Record<string, unknown> = {
        message: e.message,
        errorCode: ERROR_RESULT_CODES[e.errorCode] ?? 0,
        traceId,
    };
    const fields = e.extras.fieldErrors;
    const details =
        e.extras.details ??
        (fields &&
            Object.entries(fields)
                .map(([k, v]) => `${k}: ${v.join(" ")}`)
                .join("; "));
    if (details !== undefined) body.details = details;
    return { status: e.status, headers, body };
}

/** A 401 to a bearer-token request names the scheme (RFC 6750 §3); UiPath publishes no 401 headers. */
const bearerChallenge = { "WWW-Authenticate": "Bearer" };
const NOT_AUTHENTICATED = "You are not authenticated!";

/** UiPath-style errors, one factory per errorCode, named after it. */
export const errors = {
    // 400
    invalidRequest: (message: string, field = "body") =>
        new EmulatorError(400, "InvalidRequest", message, { fieldErrors: { [field]: [message] } }),
    validationFailed: (fieldErrors: Record<string, string[]>) =>
        new EmulatorError(400, "ValidationFailed", "One or more validation errors occurred.", { fieldErrors }),
    /** ASP.NET's model-binding text for a value that is not a GUID (documented example); modeled for another org's GUID. */
    invalidPartition: (given: string) => {
        const text = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(given)
            ? `'${given}' is not the partitionGlobalId of this organization.`
            : `The value '${given}' is not valid.`;
        return new EmulatorError(400, "InvalidPartition", text, { fieldErrors: { partitionGlobalId: [text] } });
    },

    // 401
    /** `bearerChallenge: false` for routes that do not authenticate with a bearer token (product keys). */
    unauthorized: (message = NOT_AUTHENTICATED, options: { bearerChallenge?: boolean } = {}) =>
        new EmulatorError(
            401,
            "Unauthorized",
            message,
            options.bearerChallenge === false ? {} : { headers: bearerChallenge },
        ),

    // 403
    directoryIntegrationEnabled: (org: string) =>
        new EmulatorError(
            403,
            "DirectoryIntegrationEnabled",
            `API access is not available for organization '${org}' because it signs in through a directory integration (Azure AD). Use an external application (OAuth) instead.`,
        ),
    notOrganizationAdministrator: () =>
        new EmulatorError(
            403,
            "NotOrganizationAdministrator",
            "Only an Organization Administrator can perform this operation.",
        ),
    notAssignedToService: (tenant: string, service: string) =>
        new EmulatorError(
            403,
            "NotAssignedToService",
            `Only an Organization Administrator or a user assigned to service '${service}' of tenant '${tenant}' can perform this operation.`,
        ),
    insufficientScope: (anyOf: string[], note = "") =>
        new EmulatorError(403, "InsufficientScope", `This operation requires the scope ${anyOf.join(" or ")}.${note}`),
    /** A modeled admin route refuses this kind of credential (seed option `portalAccepts`). */
    credentialNotAccepted: (given: string, accepted: readonly string[]) =>
        new EmulatorError(
            403,
            "CredentialNotAccepted",
            `This operation does not accept ${given} credentials; use ${accepted.map((a) => CREDENTIAL_WORDS[a] ?? a).join(" or ")}.`,
        ),

    // 404
    routeNotFound: (method: string, path: string) =>
        new EmulatorError(404, "RouteNotFound", `No route for ${method} ${path}.`),
    organizationNotFound: (org: string) =>
        new EmulatorError(404, "OrganizationNotFound", `Organization '${org}' does not exist.`),
    tenantNotFound: (tenant: string) =>
        new EmulatorError(404, "TenantNotFound", `Tenant '${tenant}' does not exist in this organization.`),
    serviceNotFound: (tenant: string, service: string) =>
        new EmulatorError(404, "ServiceNotFound", `Tenant '${tenant}' has no service '${service}' with API access.`),
    externalApplicationNotFound: (clientId: string) =>
        new EmulatorError(404, "ExternalApplicationNotFound", `External application '${clientId}' does not exist.`),
    federatedCredentialNotFound: (id: string) =>
        new EmulatorError(404, "FederatedCredentialNotFound", `Federated credential '${id}' does not exist.`),
    secretNotFound: (secretId: string) =>
        new EmulatorError(404, "SecretNotFound", `Secret '${secretId}' does not exist.`),

    // 405, 409, 410, 413, 415, 429
    methodNotAllowed: (allowed: string[]) =>
        new EmulatorError(405, "MethodNotAllowed", `Method not allowed; use ${allowed.join(", ")}.`, {
            headers: { Allow: allowed.join(", ") },
        }),
    conflict: (message: string) => new EmulatorError(409, "Conflict", message),
    userKeyAccessRetired: (org: string) =>
        new EmulatorError(
            410,
            "UserKeyAccessRetired",
            `UiPath retired user-key (API key) authentication for Orchestrator in organization '${org}'. Use an external application or a personal access token.`,
        ),
    /** `Connection: close`: the client may not reuse a connection whose body we did not read in full. */
    payloadTooLarge: (limit: number) =>
        new EmulatorError(413, "PayloadTooLarge", `The request body is larger than ${limit} bytes.`, {
            headers: { Connection: "close" },
        }),
    unsupportedMediaType: (expected: string[]) =>
        new EmulatorError(415, "UnsupportedMediaType", `Content-Type must be ${expected.join(" or ")}.`),
    /**
     * The rate limit, or an injected 429 (which looks exactly like one). `Retry-After` (RFC 9110
     * §10.2.3) is MODELED: UiPath documents its limits but not this header. The provider honours it
     * when present and backs off on its own otherwise; a fault rule without `retryAfterSeconds` sends none.
     */
    tooManyRequests: (retryAfterSeconds?: number) =>
        new EmulatorError(
            429,
            "TooManyRequests",
            retryAfterSeconds === undefined
                ? "Too many requests."
                : `Too many requests; retry after ${retryAfterSeconds} seconds.`,
            { headers: retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) } },
        ),

    // 4xx/5xx injected, 500
    /** A fault status other than 429, configured through `PUT /__emulator/faults`. */
    injectedFault: (status: number, retryAfterSeconds?: number) =>
        new EmulatorError(status, "InjectedFault", `Fault injected by the emulator (HTTP ${status}).`, {
            headers: retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) },
        }),
    internalServerError: () =>
        new EmulatorError(500, "InternalServerError", "An unexpected error occurred in the emulator."),
};

/**
 * OAuth 2.0 errors of the token endpoints (RFC 6749 §5.2), rendered `{error, error_description?}`.
 * Identity (Duende IdentityServer) answers every token error 400; the account host's
 * (Auth0-style) refusal of an unknown refresh token is 403 — see handlers/tokens.ts.
 */
export const oauthErrors = {
    invalidRequest: (description?: string) => oauth("invalid_request", description),
    invalidClient: (description?: string) => oauth("invalid_client", description),
    invalidGrant: (description?: string, status = 400) => oauth("invalid_grant", description, status),
    invalidScope: (description?: string) => oauth("invalid_scope", description),
    unauthorizedClient: (description?: string) => oauth("unauthorized_client", description),
    unsupportedGrantType: (description?: string) => oauth("unsupported_grant_type", description),
};

function oauth(error: string, description?: string, status = 400): EmulatorError {
    return new EmulatorError(status, error, description ?? "", { oauthError: error });
}

const CREDENTIAL_WORDS: Record<string, string> = {
    user: "a user's token (personal access token)",
    externalApp: "an external application's token",
};
