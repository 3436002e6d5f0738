/**
 * The errors this provider raises: one class per failure, each fixing its own
 * `name` and `code` (callers choose the class, never the code), with a
 * one-line message that tells the user what to do and the original error as
 * `cause`. Branch on them with `instanceof`. Messages never hold a secret
 * value: they are built from status codes, error codes and our own words, and
 * anything the server said is passed through {@link redact}.
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
    | "SECRET_VERIFICATION_FAILED"
    | "CREATE_UNFINISHED"
    | "REQUEST_FAILED"
    | "INTERNAL";

/**
 * What UiPath said about a failed call, beyond the status: kept as fields so that
 * callers decide on them, never on message text.
 */
export interface UiPathFacts {
    /** Orchestrator's integer `ErrorResult.errorCode` (1001 name used, 1002 not found, 1100 folder…). */
    errorCode?: number;
    /** The OAuth `error` of a token endpoint (`invalid_grant`, `invalid_client`, …). */
    oauthError?: string;
    /** UiPath's `traceId` of the failed request ("00-<32 hex>-<16 hex>-00"), for UiPath support. */
    traceId?: string;
    /** The request's method. */
    method?: string;
    /** The request's path under its base URL, without the query (never a secret: keys travel in headers and bodies). */
    path?: string;
}

export interface UiPathErrorOptions extends UiPathFacts {
    cause?: unknown;
    /** The HTTP status UiPath answered, when there was an answer. */
    status?: number;
    /** For an input failure: the resource input the user wrote it in (none for stack config and environment). */
    property?: string;
}

const FACTS = [
    "errorCode",
    "oauthError",
    "traceId",
    "method",
    "path",
] as const satisfies readonly (keyof UiPathFacts)[];

/** The message's ending that names UiPath's trace id. */
const traceIdSuffix = (traceId: string): string => ` (trace id ${traceId})`;

/**
 * Base of every error of this provider. The message ends with UiPath's trace id when
 * there is one. The {@link UiPathFacts} are non-enumerable own properties: readable by
 * code, yet left out when Pulumi or a logger serializes the error's enumerable fields.
 */
export abstract class UiPathError extends Error {
    abstract override readonly name: string;
    abstract readonly code: UiPathErrorCode;
    readonly status: number | undefined;
    declare readonly errorCode: number | undefined;
    declare readonly oauthError: string | undefined;
    declare readonly traceId: string | undefined;
    declare readonly method: string | undefined;
    declare readonly path: string | undefined;

    constructor(message: string, options: UiPathErrorOptions = {}) {
        const traced =
            options.traceId && !message.endsWith(traceIdSuffix(options.traceId))
                ? message + traceIdSuffix(options.traceId)
                : message;
        super(traced, options.cause === undefined ? undefined : { cause: options.cause });
        this.status = options.status;
        for (const fact of FACTS)
            Object.defineProperty(this, fact, {
                value: options[fact],
                enumerable: false,
                writable: false,
                configurable: true,
            });
    }
}

/** An error's status and {@link UiPathFacts}, to pass on to an error that re-words it. */
export function factsOf(err: UiPathError): Pick<UiPathErrorOptions, "status" | keyof UiPathFacts> {
    return {
        status: err.status,
        errorCode: err.errorCode,
        oauthError: err.oauthError,
        traceId: err.traceId,
        method: err.method,
        path: err.path,
    };
}

/** The message without its trace-id ending, for an error that re-words it (the new error adds the ending back). */
export function messageWithoutTraceId(err: UiPathError): string {
    const suffix = err.traceId ? traceIdSuffix(err.traceId) : "";
    return suffix && err.message.endsWith(suffix) ? err.message.slice(0, -suffix.length) : err.message;
}

/** An input failed validation before any API call. */
export abstract class InputError extends UiPathError {
    /** The resource input the failure belongs to, when the user wrote it there; check attaches the failure to it. */
    readonly property: string | undefined;

    constructor(message: string, options: UiPathErrorOptions = {}) {
        super(message, options);
        this.property = options.property;
    }
}

/** An input or setting has a wrong value. */
export class InvalidInputError extends InputError {
    override readonly name = "InvalidInputError";
    readonly code = "INVALID_INPUT";
}

/** No organization or no credentials in any source (resource, stack config, environment). */
export class MissingConnectionError extends InputError {
    override readonly name = "MissingConnectionError";
    readonly code = "MISSING_CONNECTION";
}

/** Credentials missing, wrong or expired (HTTP 401, or the token endpoint refused them). */
export class AuthenticationError extends UiPathError {
    override readonly name = "AuthenticationError";
    readonly code = "UNAUTHENTICATED";
}

/** The caller lacks a role or a scope (HTTP 403). */
export class PermissionError extends UiPathError {
    override readonly name = "PermissionError";
    readonly code = "FORBIDDEN";
}

/** The organization signs in through a directory integration: no API access at all. */
export class DirectoryIntegrationError extends UiPathError {
    override readonly name = "DirectoryIntegrationError";
    readonly code = "DIRECTORY_INTEGRATION";
}

/** UiPath retired Orchestrator user-key (API key) authentication for this organization. */
export class UserKeyAccessRetiredError extends UiPathError {
    override readonly name = "UserKeyAccessRetiredError";
    readonly code = "USER_KEY_ACCESS_RETIRED";
}

/** Unknown tenant, service or organization. */
export class NotFoundError extends UiPathError {
    override readonly name = "NotFoundError";
    readonly code = "NOT_FOUND";
    /** What the service said does not exist; undefined when it did not say (a wrong URL, say). */
    readonly missing: "organization" | "tenant" | "service" | "organization, tenant or service" | undefined;

    constructor(message: string, options: UiPathErrorOptions & { missing?: NotFoundError["missing"] } = {}) {
        super(message, options);
        this.missing = options.missing;
    }
}

/** Still refused after the retries; the state of the resource is unchanged. */
export abstract class RetryExhaustedError extends UiPathError {}

/** Still rate limited (429) after the retries. */
export class RateLimitedError extends RetryExhaustedError {
    override readonly name = "RateLimitedError";
    readonly code = "RATE_LIMITED";
}

/** Still unavailable (5xx) after the retries. */
export class ServiceUnavailableError extends RetryExhaustedError {
    override readonly name = "ServiceUnavailableError";
    readonly code = "SERVICE_UNAVAILABLE";
}

/** UiPath could not be reached; for a call that is not idempotent it may or may not have taken effect. */
export class NetworkError extends UiPathError {
    override readonly name = "NetworkError";
    readonly code = "NETWORK";
}

/** The service answered with a shape this provider does not know; nothing was written to state. */
export class UnexpectedResponseError extends UiPathError {
    override readonly name = "UnexpectedResponseError";
    readonly code = "UNEXPECTED_RESPONSE";
}

/** UiPath refused the call with a status no other class covers. */
export class RequestFailedError extends UiPathError {
    override readonly name = "RequestFailedError";
    readonly code = "REQUEST_FAILED";
}

/**
 * Something this provider did not foresee (a bug, or a failure of a library):
 * the original error, with its stack, is the `cause`; the user sees its message.
 */
export class InternalError extends UiPathError {
    override readonly name = "InternalError";
    readonly code = "INTERNAL";
}

/**
 * The resource exists and must be recorded, but the run fails: a dynamic provider's
 * "initialization failed" result. Pulumi's contract (`grpcResponseFromError` in
 * `@pulumi/pulumi/cmd/dynamic-provider`): an error thrown by `create` or `update` that has an
 * `id` is reported as `ErrorResourceInitFailed` with its `properties` as the resource's outputs
 * and its `reasons`; the engine then saves the resource in state and fails the run.
 */
export abstract class ResourceInitFailedError extends UiPathError {
    /** The resource id, as `create` would have returned it. */
    readonly id: string;
    /** The outputs to record in state. */
    readonly properties: Record<string, unknown>;
    /** Why initialization failed, shown by the engine. */
    readonly reasons: string[];

    constructor(message: string, init: { id: string; properties: Record<string, unknown>; cause?: unknown }) {
        super(message, { cause: init.cause });
        this.id = init.id;
        this.properties = init.properties;
        this.reasons = [message];
    }
}

/** A fetched or rotated key did not work when tried; the key is recorded. */
export class KeyVerificationError extends ResourceInitFailedError {
    override readonly name = "KeyVerificationError";
    readonly code = "KEY_VERIFICATION_FAILED";
}

/**
 * A new client secret got no token within `verifyTimeout`: it was deleted and never handed out,
 * and the state is left as it was (nothing to record, unlike {@link KeyVerificationError}).
 */
export class SecretVerificationError extends UiPathError {
    override readonly name = "SecretVerificationError";
    readonly code = "SECRET_VERIFICATION_FAILED";
}

/**
 * `create` made the resource but could not finish what its inputs ask (ExternalApplication's
 * `firstSecret: false` when UiPath's answer does not say which secret to delete); the engine
 * saves the resource and fails the run with what to do by hand.
 */
export class UnfinishedCreateError extends ResourceInitFailedError {
    override readonly name = "UnfinishedCreateError";
    readonly code = "CREATE_UNFINISHED";
}

/** Replaces every occurrence of the given secret values, and anything that looks like a bearer token, with `***`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
    let out = text.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1***");
    for (const secret of secrets) {
        if (secret && secret.length >= 4) out = out.split(secret).join("***");
    }
    return out;
}
