/**
 * The one error factory. Handlers throw {@link EmulatorError}s built here; the server renders
 * them in the style of the route that failed:
 *  - "portal"   (portal_, orchestrator_, du_, cv_, generic): `{message, errorCode, traceId, details?, resourceIds?}`
 *  - "identity" (identity_/api): validation failures as `{errors: {field: [message]}}`, the rest portal-style
 *  - "oauth"    (token endpoints): `{error, error_description?}` for 400s, the rest portal-style
 * Messages never contain a secret value.
 */

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

    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string,
        readonly extras: ErrorExtras = {},
    ) {
        super(message);
    }
}

export interface RenderedError {
    status: number;
    headers: Record<string, string>;
    body: unknown;
}

/** Turns any thrown value into a response; unknown errors become a 500 without internals. */
export function renderError(err: unknown, style: ErrorStyle, traceId: string): RenderedError {
    const e = err instanceof EmulatorError ? err : errors.internal();
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

/** Factory, one function per errorCode. Names match the errorCode they produce. */
export const errors = {
    // 400
    invalidRequest: (message: string, field = "body") =>
        new EmulatorError(400, "InvalidRequest", message, { fieldErrors: { [field]: [message] } }),
    validation: (fieldErrors: Record<string, string[]>) =>
        new EmulatorError(400, "ValidationFailed", "One or more validation errors occurred.", { fieldErrors }),
    invalidPartition: (given: string) =>
        new EmulatorError(400, "InvalidPartition", `'${given}' is not the partitionGlobalId of this organization.`, {
            fieldErrors: { partitionGlobalId: [`'${given}' is not the partitionGlobalId of this organization.`] },
        }),
    oauth: (error: string, description?: string) => new EmulatorError(400, error, description ?? "", { oauthError: error }),

    // 401
    unauthorized: (message = "You are not authenticated!") =>
        new EmulatorError(401, "Unauthorized", message, { headers: bearerChallenge }),
    invalidLicense: (product: string) =>
        new EmulatorError(401, "Unauthorized", `The X-UIPATH-License header is missing or is not the current ${product} API key.`),

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
    externalAppNotFound: (clientId: string) =>
        new EmulatorError(404, "ExternalApplicationNotFound", `External application '${clientId}' does not exist.`, {
            resourceIds: [clientId],
        }),
    secretNotFound: (secretId: string) =>
        new EmulatorError(404, "SecretNotFound", `Secret '${secretId}' does not exist.`, { resourceIds: [secretId] }),

    // 405, 409, 410, 413, 415, 429, 500
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
    payloadTooLarge: (limit: number) =>
        new EmulatorError(413, "PayloadTooLarge", `The request body is larger than ${limit} bytes.`, { headers: { Connection: "close" } }),
    unsupportedMediaType: (expected: string[]) =>
        new EmulatorError(415, "UnsupportedMediaType", `Content-Type must be ${expected.join(" or ")}.`),
    tooManyRequests: (retryAfterSeconds: number) =>
        new EmulatorError(429, "TooManyRequests", `Too many requests; retry after ${retryAfterSeconds} seconds.`, {
            headers: { "Retry-After": String(retryAfterSeconds) },
        }),
    injectedFault: (status: number, retryAfterSeconds?: number) =>
        new EmulatorError(status, status === 429 ? "TooManyRequests" : "InjectedFault", `Fault injected by the emulator (HTTP ${status}).`, {
            headers: retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) },
        }),
    internal: () => new EmulatorError(500, "InternalServerError", "An unexpected error occurred in the emulator."),
};
