/**
 * The shape of one call to UiPath, shared by the client that sends it and the
 * token source that asks for tokens through it (so neither imports the other).
 */
import { z } from "zod";

/** HTTP methods the provider uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "HEAD";

export interface RequestSpec<T> {
    method: HttpMethod;
    /** Path under the base URL, without a leading slash. */
    path: string;
    json?: unknown;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    /** The response body's schema; a mismatch is an `UnexpectedResponseError`. */
    schema: z.ZodType<T>;
    /** Whether repeating the call is harmless; defaults to true for GET, PUT, DELETE and false otherwise. */
    idempotent?: boolean;
    /** False for calls that authenticate some other way (token exchange, key checks). */
    authenticate?: boolean;
    /** Base URL override (the account host of the user-key exchange). */
    baseUrl?: string;
    /** Extra values to keep out of error messages. */
    secrets?: string[];
    /** A token request with a client assertion: how the user named it, so a refusal says what to fix. */
    signingInWith?: string;
}

/**
 * The schema of an answer whose body the caller ignores (a write's echo). One instance for every
 * such call: a schema is built once, not per request (see identityApi.ts, generatedSecretDto).
 */
export const ignoredBody = z.unknown();

/** A successful answer, its body already checked against the request's schema. */
export interface UiPathResponse<T> {
    status: number;
    body: T;
}

/** Sends one request (the client's `send`, without its bearer token). */
export type SendRequest = <T>(spec: RequestSpec<T>) => Promise<UiPathResponse<T>>;
