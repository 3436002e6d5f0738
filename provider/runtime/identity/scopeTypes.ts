/**
 * Scope `type` of Identity's ExternalScopeDto, as it travels and as the provider reads it.
 *
 * The swagger declares the enum `ApiScopeType` = [user, application, userAndApplication] with
 * `x-ms-enum modelAsString: false` (UiPath/uipathcli@a7fe7259c65036fabac2f3a25506d75f022c1f11
 * definitions/identity.yaml, ApiScopeType and ExternalScopeDto): an enum serialized by number,
 * so 0 = user, 1 = application, 2 = userAndApplication by declaration order. UiPath's own
 * PowerShell module, written against live organizations, declares the field `int?`
 * (UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8 UiPathOrch/OrchEntities.cs,
 * `ExternalScope`) and copies it from a GET into a create body unchanged
 * (UiPathOrch/PlatformManagementCmdlet/PmExternalCmdlet/CopyPmExternalApplication.cs): integers
 * end to end. The docs' examples render the names; both are read, integers are sent.
 */
import { z } from "zod";

export type ScopeType = "user" | "application" | "userAndApplication";

/** Declaration order of `ApiScopeType`: the integer on the wire is the index. */
const BY_NUMBER: readonly ScopeType[] = ["user", "application", "userAndApplication"];

/** The integer sent for a scope registered for one use (a scope of both uses is sent twice). */
export const WIRE_SCOPE_TYPE = { user: 0, application: 1 } as const;

/** A scope type as the wire carries it, or undefined when it is neither a known number nor a known name. */
export function scopeTypeOf(value: unknown): ScopeType | undefined {
    if (typeof value === "number") return BY_NUMBER[value];
    if (typeof value === "string") return BY_NUMBER.find((t) => t.toLowerCase() === value.trim().toLowerCase());
    return undefined;
}

/**
 * `type` in a response: 0/1/2 or the names (any case). Missing or null reads as `user`, the
 * enum's first value, which is what a numeric enum defaults to.
 */
export const scopeTypeField = z
    .union([z.number(), z.string()])
    .nullish()
    .transform((value, ctx): ScopeType => {
        if (value === null || value === undefined) return "user";
        const type = scopeTypeOf(value);
        if (type) return type;
        ctx.addIssue({
            code: "custom",
            message: `unknown scope type ${JSON.stringify(value)} (expected 0, 1, 2 or user, application, userAndApplication)`,
        });
        return z.NEVER;
    });
