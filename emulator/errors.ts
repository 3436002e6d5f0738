/**
 * The one error factory. Handlers throw {@link EmulatorError}s built here; the server renders
 * them in the style of the route that failed:
 *  - "portal"   (portal_, orchestrator_, du_, cv_, generic): `{message, errorCode, traceId, details?, resourceIds?}`
 *  - "identity" (identity_/api): validation failures as `{errors: {field: [message]}}`, the rest portal-style
 *  - "oauth"    (token endpoints): `{error, error_description?}` for 400s, the rest portal-style
 * Messages never contain a secret value.
 *
 * Naming rule (checked by test/emulator/errors.test.ts): a factory's name is the errorCode it
 * produces in lowerCamelCase — `tenantNotFound` → `TenantNotFound`, `oauthErrors.invalidGrant`
 * → `invalid_grant` — so a code found in a log leads straight to the one place that makes it.
 */
import type { AuditFacts } from "./audit";

export type ErrorStyle = "portal" | "identity" | "oauth";

export interface ErrorExtras {
    /** Field → messages; rendered as `{errors}` on identity routes and as `details` elsewhere. */
    fieldErrors?: Record<string, string[]>;
    /** OAuth `error` value, for token endpoints. */
    oauthError?: string;
    headers?: Record<string, string>;
    details?: unknown;
    resourceIds?: string[];
}

export class EmulatorError extends Error {
    override readonly name = "EmulatorError";
    /** What the audit should know about a refused request that only the handler found out. */
    audit: AuditFacts | undefined;

    constructor(
        readonly status: number,
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
    const headers = { ...(e.extras.headers ?? {}) };
    if (style === "identity" && e.extras.fieldErrors) {
        return { status: e.status, headers, body: { errors: e.extras.fieldErrors } };
    }
    if (style === "oauth" && (e.extras.oauthError || e.status === 400)) {
        const body: Record<string, string> = { error: e.extras.oauthError ?? "invalid_request" };
        if (e.message) body.error_description = e.message;
        return { status: e.status, headers, body };
    }
    const body: Record<string, unknown> = { message: e.message, errorCode: e.errorCode, traceId };
    const details = e.extras.details ?? e.extras.fieldErrors;
    if (details !== undefined) body.details = details;
    if (e.extras.resourceIds) body.resourceIds = e.extras.resourceIds;
    return { status: e.status, headers, body };
}

const bearerChallenge = { "WWW-Authenticate": "Bearer" };
const NOT_AUTHENTICATED = "You are not authenticated!";

/** UiPath-style errors, one factory per errorCode, named after it. */
export const errors = {
    // 400
    invalidRequest: (message: string, field = "body") =>
        new EmulatorError(400, "InvalidRequest", message, { fieldErrors: { [field]: [message] } }),
    validationFailed: (fieldErrors: Record<string, string[]>) =>
        new EmulatorError(400, "ValidationFailed", "One or more validation errors occurred.", { fieldErrors }),
    invalidPartition: (given: string) =>
        new EmulatorError(400, "InvalidPartition", `'${given}' is not the partitionGlobalId of this organization.`, {
            fieldErrors: { partitionGlobalId: [`'${given}' is not the partitionGlobalId of this organization.`] },
        }),

    // 401
    /** `bearerChallenge: false` for routes that do not authenticate with a bearer token (product keys). */
    unauthorized: (message = NOT_AUTHENTICATED, options: { bearerChallenge?: boolean } = {}) =>
        new EmulatorError(401, "Unauthorized", message, options.bearerChallenge === false ? {} : { headers: bearerChallenge }),

    // 403
    directoryIntegrationEnabled: (org: string) =>
        new EmulatorError(
            403,
            "DirectoryIntegrationEnabled",
            `API access is not available for organization '${org}' because it signs in through a directory integration (Azure AD). Use an external application (OAuth) instead.`,
        ),
    notOrganizationAdministrator: () =>
        new EmulatorError(403, "NotOrganizationAdministrator", "Only an Organization Administrator can perform this operation."),
    notAssignedToService: (tenant: string, service: string) =>
        new EmulatorError(
            403,
            "NotAssignedToService",
            `Only an Organization Administrator or a user assigned to service '${service}' of tenant '${tenant}' can perform this operation.`,
        ),
    insufficientScope: (anyOf: string[], note = "") =>
        new EmulatorError(403, "InsufficientScope", `This operation requires the scope ${anyOf.join(" or ")}.${note}`, {
            details: { requiredScopes: anyOf },
        }),

    // 404
    routeNotFound: (method: string, path: string) =>
        new EmulatorError(404, "RouteNotFound", `No route for ${method} ${path}.`),
    organizationNotFound: (org: string) =>
        new EmulatorError(404, "OrganizationNotFound", `Organization '${org}' does not exist.`, { resourceIds: [org] }),
    tenantNotFound: (tenant: string) =>
        new EmulatorError(404, "TenantNotFound", `Tenant '${tenant}' does not exist in this organization.`, { resourceIds: [tenant] }),
    serviceNotFound: (tenant: string, service: string) =>
        new EmulatorError(404, "ServiceNotFound", `Tenant '${tenant}' has no service '${service}' with API access.`, {
            resourceIds: [service],
        }),
    externalApplicationNotFound: (clientId: string) =>
        new EmulatorError(404, "ExternalApplicationNotFound", `External application '${clientId}' does not exist.`, {
            resourceIds: [clientId],
        }),
    secretNotFound: (secretId: string) =>
        new EmulatorError(404, "SecretNotFound", `Secret '${secretId}' does not exist.`, { resourceIds: [secretId] }),

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
        new EmulatorError(413, "PayloadTooLarge", `The request body is larger than ${limit} bytes.`, { headers: { Connection: "close" } }),
    unsupportedMediaType: (expected: string[]) =>
        new EmulatorError(415, "UnsupportedMediaType", `Content-Type must be ${expected.join(" or ")}.`),
    /** The rate limit, or an injected 429 (which looks exactly like one). */
    tooManyRequests: (retryAfterSeconds?: number) =>
        new EmulatorError(
            429,
            "TooManyRequests",
            retryAfterSeconds === undefined ? "Too many requests." : `Too many requests; retry after ${retryAfterSeconds} seconds.`,
            { headers: retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) } },
        ),

    // 4xx/5xx injected, 500
    /** A fault status other than 429, configured through `PUT /__emulator/faults`. */
    injectedFault: (status: number, retryAfterSeconds?: number) =>
        new EmulatorError(status, "InjectedFault", `Fault injected by the emulator (HTTP ${status}).`, {
            headers: retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) },
        }),
    internalServerError: () => new EmulatorError(500, "InternalServerError", "An unexpected error occurred in the emulator."),
};

/** OAuth 2.0 errors of the token endpoints (RFC 6749 §5.2): status 400, rendered `{error, error_description?}`. */
export const oauthErrors = {
    invalidRequest: (description?: string) => oauth("invalid_request", description),
    invalidClient: (description?: string) => oauth("invalid_client", description),
    invalidGrant: (description?: string) => oauth("invalid_grant", description),
    invalidScope: (description?: string) => oauth("invalid_scope", description),
    unsupportedGrantType: (description?: string) => oauth("unsupported_grant_type", description),
};

function oauth(error: string, description?: string): EmulatorError {
    return new EmulatorError(400, error, description ?? "", { oauthError: error });
}
