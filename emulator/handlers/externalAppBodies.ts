/**
 * Request bodies of the ExternalClient routes and the checks on their scopes.
 *
 * Shapes (documented): UiPath's "IdentityServer Internal API" swagger,
 * UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf definitions/identity.yaml —
 * CreateExternalClientCommand L6720-L6741 (required: isConfidential, name, partitionGlobalId,
 * scopes), UpdateExternalClientCommand L6706-L6719 (nothing required), CreateClientSecretCommand
 * L6392-L6407, ExternalScopeDto L6648-L6661; the Automation Suite 2.2510 API guide adds
 * `clientCertificates` (element shape unpublished: accepted and ignored).
 *
 * Scope `type`: integers 0/1/2 (what UiPath's tools send) or the swagger's names; see ../wire.ts.
 * A bare string where a scope object belongs is refused unless the seed's
 * `wire.acceptBareScopeNames` allows it (an emulator extension, NOT UiPath's API).
 */
import { z } from "zod";
import { allowsUse, catalogScope, type ScopeType } from "../catalog";
import { errors } from "../errors";
import { readScopeType, type WireOptions } from "../wire";

/**
 * `type` compares case-insensitively (a public script sends "User"; .NET enum binding ignores
 * case) — observed hint only. A missing type is `user`, the enum's first value, as .NET binds a
 * missing enum member to its default — modeled.
 */
const ScopeTypeField = z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v, ctx): ScopeType => {
        if (v === null || v === undefined) return "user";
        const hit = readScopeType(v);
        if (!hit) {
            ctx.addIssue({ code: "custom", message: `The value '${v}' is not valid.` });
            return z.NEVER;
        }
        return hit;
    });

/** The text for a JSON value that cannot bind to ExternalScopeDto (a bare string, say): modeled on System.Text.Json's. */
const NOT_A_SCOPE = "The JSON value could not be converted to ExternalScopeDto.";

const ScopeObject = z.object(
    {
        name: z.string().min(1, "The name field is required."),
        displayName: z.string().nullish(),
        description: z.string().nullish(),
        type: ScopeTypeField,
    },
    { error: NOT_A_SCOPE },
);

const scopesFor = (bareNames: boolean) =>
    z.array(
        bareNames
            ? z.preprocess((v) => (typeof v === "string" ? { name: v, type: "application" } : v), ScopeObject)
            : ScopeObject,
    );

export type ScopeList = z.output<typeof ScopeObject>[];

const Name = z.string().trim().min(1, "The name field must not be empty.").max(200);
const RedirectUri = z.string().nullable();

function bodies(bareNames: boolean) {
    const scopes = scopesFor(bareNames);
    return {
        create: z.object({
            partitionGlobalId: z.string(),
            name: Name,
            isConfidential: z.boolean(),
            redirectUri: RedirectUri.default(null),
            scopes,
        }),
        update: z.object({ name: Name.nullish(), redirectUri: RedirectUri.optional(), scopes: scopes.nullish() }),
    };
}

const STRICT = bodies(false);
const LENIENT = bodies(true);

/** The create and update body schemas for this emulator's wire options. */
export const externalClientBodies = (wire: WireOptions) => (wire.acceptBareScopeNames ? LENIENT : STRICT);

export const GenerateSecretBody = z.object({
    partitionGlobalId: z.string(),
    clientId: z.string().min(1),
    // Max 256: modeled (no public limit).
    description: z.string().max(256).nullable().default(null),
    expiryTime: z.iso
        .datetime({ offset: true, error: "The expiryTime must be an ISO 8601 date-time or null." })
        .nullable()
        .default(null),
});

/** An app's scopes split by use, as the store keeps them. */
export interface GrantedScopes {
    application: string[];
    user: string[];
}

/**
 * Splits scopes by use and checks them against the catalog. Modeled messages; the rule that a
 * non-confidential app has user scopes only is documented ("OAuth apps", Automation Cloud admin
 * guide, https://docs.uipath.com/automation-cloud/automation-cloud/latest/admin-guide/authorizing-external-applications).
 */
export function grantedScopes(scopes: ScopeList, isConfidential: boolean): GrantedScopes {
    const application = new Set<string>();
    const user = new Set<string>();
    for (const s of scopes) {
        if (s.type !== "user") application.add(s.name);
        if (s.type !== "application") user.add(s.name);
    }
    const problems: string[] = [];
    for (const [names, use] of [
        [application, "application"],
        [user, "user"],
    ] as const) {
        for (const name of names) {
            const entry = catalogScope(name);
            if (!entry) problems.push(`Unknown scope '${name}'`);
            else if (!allowsUse(entry, use))
                problems.push(
                    `Scope '${name}' cannot be granted as ${use === "user" ? "a user" : "an application"} scope.`,
                );
        }
    }
    if (!isConfidential && application.size > 0)
        problems.push("A non-confidential application can only have user scopes.");
    if (problems.length > 0) throw errors.validationFailed({ scopes: [...new Set(problems)] });
    return { application: [...application], user: [...user] };
}
