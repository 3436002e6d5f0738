/**
 * Turns a failed HTTP exchange into one of the provider's errors, with one
 * line that says what happened and what to do. The server's own words are
 * kept (redacted) only where they add something.
 */
import {
    AuthenticationError,
    DirectoryIntegrationError,
    NotFoundError,
    NetworkError,
    PermissionError,
    RateLimitedError,
    redact,
    RequestFailedError,
    ServiceUnavailableError,
    UiPathError,
    UserKeyAccessRetiredError,
} from "./errors";

interface ErrorBody {
    message?: string;
    errorCode?: string | number;
    error?: string;
    error_description?: string;
    errors?: unknown;
}

function parseBody(body: string): ErrorBody {
    try {
        const parsed: unknown = JSON.parse(body);
        return parsed && typeof parsed === "object" ? (parsed as ErrorBody) : {};
    } catch {
        return {};
    }
}

/** What a 404 says is missing; a 404 with another code (no such route) says nothing about the key. */
const notFoundCodes: Record<string, "organization" | "tenant" | "service" | undefined> = {
    OrganizationNotFound: "organization",
    TenantNotFound: "tenant",
    ServiceNotFound: "service",
};

const useExternalApp =
    "use an external application (OAuth client credentials: uipath:clientId and uipath:clientSecret) or a personal access token";

export function describeHttpFailure(f: {
    what: string;
    organization: string;
    status: number;
    body: string;
    secrets: string[];
    cause: unknown;
    attempts: number;
}): UiPathError {
    const body = parseBody(f.body);
    const code = String(body.errorCode ?? body.error ?? "");
    const server = redact(String(body.message ?? body.error_description ?? ""), f.secrets);
    const said = server ? ` (UiPath said: ${server})` : "";
    const opts = { cause: f.cause, status: f.status };
    const org = `organization '${f.organization}'`;

    if (code === "DirectoryIntegrationEnabled") {
        return new DirectoryIntegrationError(
            `${f.what}: ${org} signs in through a directory integration (Azure AD), which has no API access or API keys; manage access with an external application (OAuth) instead`,
            opts,
        );
    }
    if (code === "UserKeyAccessRetired" || f.status === 410) {
        return new UserKeyAccessRetiredError(
            `${f.what}: UiPath has retired Orchestrator user-key (API key) authentication for ${org}; ${useExternalApp}`,
            opts,
        );
    }
    if (f.status === 401 || code === "invalid_client") {
        return new AuthenticationError(
            `${f.what}: UiPath rejected the credentials for ${org} (${f.status}${code ? ` ${code}` : ""}); check uipath:clientId and uipath:clientSecret (or uipath:accessToken): they may be wrong, deleted or expired`,
            opts,
        );
    }
    if (code === "invalid_scope") {
        return new PermissionError(
            `${f.what}: the external application may not request the scopes in uipath:scopes for ${org}; grant them to the application or change uipath:scopes${said}`,
            opts,
        );
    }
    if (f.status === 403) {
        const why =
            code === "NotAssignedToService"
                ? "the caller is neither an Organization Administrator nor assigned to this tenant's service; ask an administrator to assign you, or use an administrator's credentials"
                : code === "NotOrganizationAdministrator"
                  ? "this needs an Organization Administrator; use an administrator's personal access token or an external application with the PM.ApiAccess scope"
                  : code === "InsufficientScope"
                    ? "the token lacks a scope this call needs; grant the external application the scope named below and set uipath:scopes accordingly"
                    : "access denied";
        return new PermissionError(`${f.what}: ${why} (403 ${code || "Forbidden"})${said}`, opts);
    }
    if (f.status === 404) {
        const missing = notFoundCodes[code];
        const where = missing === "organization" ? `organization '${f.organization}'` : `${missing ?? "resource"} in ${org}`;
        return new NotFoundError(
            `${f.what}: no such ${where}; check the name (the logical name, as in the URL) or whether it was deleted or renamed${said}`,
            { ...opts, missing },
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
    return new RequestFailedError(`${f.what}: UiPath answered ${f.status}${code ? ` ${code}` : ""}${said}`, opts);
}

export function describeNetworkFailure(f: { what: string; baseUrl: string; cause: unknown; code?: string; idempotent: boolean }): UiPathError {
    const note = f.idempotent ? "" : "; the call may or may not have taken effect";
    return new NetworkError(`${f.what}: could not reach ${f.baseUrl} (${f.code ?? "network error"})${note}`, { cause: f.cause });
}
