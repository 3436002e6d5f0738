/**
 * How the emulator speaks where UiPath's own tools and UiPath's swagger disagree, and the few
 * switches that make it answer differently on purpose. Chosen by the seed config's top-level
 * `wire` object (emulator/README.md, "Seed config"); the defaults are what UiPath sends.
 *
 * Scope `type` of ExternalScopeDto: the swagger declares the enum ApiScopeType
 * [user, application, userAndApplication] with `x-ms-enum modelAsString: false`
 * (UiPath/uipathcli@a7fe7259c65036fabac2f3a25506d75f022c1f11 definitions/identity.yaml), that is
 * serialized by number: 0, 1, 2 by declaration order. UiPath's PowerShell module, written against
 * live organizations, declares the field `int?` and copies it from a GET into a create body
 * (UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8 UiPathOrch/OrchEntities.cs
 * `ExternalScope`; UiPathOrch/PlatformManagementCmdlet/PmExternalCmdlet/CopyPmExternalApplication.cs).
 * So integers by default; `"names"` renders the swagger's names, as the docs' examples show them.
 */
import { z } from "zod";
import type { ScopeType } from "./catalog";

export const WireSeed = z
    .strictObject({
        /** How scope types are rendered in answers: UiPath's integers (default) or the swagger's names. Input accepts both. */
        scopeTypes: z.enum(["integers", "names"]).default("integers"),
        /**
         * Emulator extension, NOT UiPath's API: accept a bare scope name (`"OR.Jobs"`) where an
         * ExternalScopeDto object belongs, as an application scope. Off by default so a client
         * that regresses to sending strings is refused, as UiPath would refuse it.
         */
        acceptBareScopeNames: z.boolean().default(false),
        /**
         * Fault switch: the 201 of `POST ExternalClient` carries no `secrets` list (the app still
         * gets its first secret, and `secret` still holds its value). For testing clients that
         * must not rely on that list.
         */
        omitSecretsFromCreateAnswer: z.boolean().default(false),
        /**
         * Fault switch: a secret generated while the emulator runs (GenerateSecret, either route, or
         * a new app's first secret) is refused by the token endpoint with `invalid_client` for this
         * many milliseconds of the emulator's clock, as a secret that has not yet reached every
         * Identity node. UiPath documents no such delay; clients that try a new secret must retry.
         * Seeded secrets are valid at once.
         */
        secretPropagationMs: z.number().int().min(0).default(0),
    })
    .default({
        scopeTypes: "integers",
        acceptBareScopeNames: false,
        omitSecretsFromCreateAnswer: false,
        secretPropagationMs: 0,
    });

export type WireOptions = z.output<typeof WireSeed>;

export const DEFAULT_WIRE: WireOptions = WireSeed.parse(undefined);

/** Declaration order of ApiScopeType: the integer on the wire is the index. */
const BY_NUMBER: readonly ScopeType[] = ["user", "application", "userAndApplication"];

/** A scope type as this emulator renders it. */
export function renderScopeType(type: ScopeType, wire: WireOptions): ScopeType | number {
    return wire.scopeTypes === "names" ? type : BY_NUMBER.indexOf(type);
}

/** A scope type read from a request: 0/1/2 or a name, any case; undefined when neither. */
export function readScopeType(value: number | string): ScopeType | undefined {
    if (typeof value === "number") return Number.isInteger(value) ? BY_NUMBER[value] : undefined;
    return BY_NUMBER.find((t) => t.toLowerCase() === value.toLowerCase());
}

/** Resources (the catalog, or an app's) with each scope's type rendered for the wire. */
export function wireResources<S extends { type: ScopeType }, R extends { scopes: S[] }>(
    resources: readonly R[],
    wire: WireOptions,
) {
    return resources.map((r) => ({
        ...r,
        scopes: r.scopes.map((s) => ({ ...s, type: renderScopeType(s.type, wire) })),
    }));
}
