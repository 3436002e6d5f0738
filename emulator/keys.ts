/** Random values: keys, secrets and tokens are 32 random bytes, base64url (43 characters). */
import { randomBytes, randomUUID } from "node:crypto";

export function newKey(): string {
    return randomBytes(32).toString("base64url");
}

export function newGuid(): string {
    return randomUUID();
}

/**
 * Per-request trace id, shaped like UiPath's: a W3C traceparent `00-<32 hex>-<16 hex>-00`
 * (example in UiPath/uipath-typescript@b3521dc92a606a921c2e768f272b854ed127e9e9:src/core/errors/types.ts#L13-L26).
 */
export function newTraceId(): string {
    return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}
