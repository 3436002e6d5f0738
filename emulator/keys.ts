/** Random values: keys, secrets and tokens are 32 random bytes, base64url (43 characters). */
import { randomBytes, randomUUID } from "node:crypto";

export function newKey(): string {
    return randomBytes(32).toString("base64url");
}

export function newGuid(): string {
    return randomUUID();
}

/** Per-request trace id, shaped like UiPath's (32 hex characters). */
export function newTraceId(): string {
    return randomBytes(16).toString("hex");
}
