/**
 * What the provider learns from its own access token without asking UiPath: the organization's
 * partitionGlobalId, from the JWT's `prt_id` claim. UiPath's PowerShell module reads it the same
 * way ("Get the partition global ID (prt_id) from the JWT token":
 * UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8 UiPathOrch/AuthManager.cs,
 * GetPartitionGlobalIdFromJwt). The payload is decoded, not verified: the token is the one UiPath
 * just issued to this provider, and the id only names the organization in paths UiPath checks
 * anyway. Personal access tokens are opaque: no claim, the caller falls back to asking.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JWT's claims, decoded without verification; undefined when it is not a JWT. */
function claimsOf(token: string): Record<string, unknown> | undefined {
    const parts = token.split(".");
    if (parts.length !== 3) return undefined;
    try {
        const claims: unknown = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
        return claims && typeof claims === "object" ? (claims as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** The `prt_id` claim of a JWT access token, or undefined when the token is not a JWT or has no GUID there. */
export function partitionIdFromToken(token: string): string | undefined {
    const prt = claimsOf(token)?.prt_id;
    return typeof prt === "string" && GUID.test(prt) ? prt : undefined;
}

/** When a JWT expires (its `exp`, epoch ms): the provider's own ID token from GitHub, to fetch the next in time. */
export function expiryOfJwt(token: string): number | undefined {
    const exp = claimsOf(token)?.exp;
    return typeof exp === "number" ? exp * 1000 : undefined;
}
