/**
 * The few errors this provider raises. Each has a stable `name` and `code`,
 * a one-line message that tells the user what to do, and the original error
 * as `cause`. Messages never hold a secret value: they are built from status
 * codes, error codes and our own words, and anything the server said is
 * passed through {@link redact}.
 */

export type UiPathErrorCode =
    | "INVALID_INPUT"
    | "MISSING_CONNECTION"
    | "UNAUTHENTICATED"
    | "FORBIDDEN"
    | "DIRECTORY_INTEGRATION"
    | "USER_KEY_ACCESS_RETIRED"
    | "NOT_FOUND"
    | "RATE_LIMITED"
    | "SERVICE_UNAVAILABLE"
    | "NETWORK"
    | "UNEXPECTED_RESPONSE"
    | "KEY_VERIFICATION_FAILED"
    | "REQUEST_FAILED";

export class UiPathError extends Error {
    override name = "UiPathError";
    constructor(
        readonly code: UiPathErrorCode,
        message: string,
        options?: { cause?: unknown; status?: number },
    ) {
        super(message, options?.cause === undefined ? undefined : { cause: options.cause });
        this.status = options?.status;
    }
    readonly status: number | undefined;
}

/** Credentials missing, wrong or expired (HTTP 401, or the token endpoint refused them). */
export class AuthenticationError extends UiPathError {
    override name = "AuthenticationError";
}

/** The caller lacks a role or a scope (HTTP 403). */
export class PermissionError extends UiPathError {
    override name = "PermissionError";
}

/** The organization signs in through a directory integration: no API access at all. */
export class DirectoryIntegrationError extends UiPathError {
    override name = "DirectoryIntegrationError";
}

/** UiPath retired Orchestrator user-key (API key) authentication for this organization. */
export class UserKeyAccessRetiredError extends UiPathError {
    override name = "UserKeyAccessRetiredError";
}

/** Unknown tenant, service or organization. */
export class NotFoundError extends UiPathError {
    override name = "NotFoundError";
}

/** Still rate limited (429) or unavailable (5xx) after the retries. */
export class RetryExhaustedError extends UiPathError {
    override name = "RetryExhaustedError";
}

/** The service answered with a shape this provider does not know; nothing was written to state. */
export class UnexpectedResponseError extends UiPathError {
    override name = "UnexpectedResponseError";
}

/** A fetched or rotated key did not work when tried. */
export class KeyVerificationError extends UiPathError {
    override name = "KeyVerificationError";
}

/** An input failed validation before any API call. */
export class InputError extends UiPathError {
    override name = "InputError";
}

/** Replaces every occurrence of the given secret values, and anything that looks like a bearer token, with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
    let out = text.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1***");
    for (const secret of secrets) {
        if (secret && secret.length >= 4) out = out.split(secret).join("***");
    }
    return out;
}
