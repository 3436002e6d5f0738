/**
 * Seed configuration: the organizations, tenants, users and external applications the emulator
 * starts with. Given as a JSON file (`--config`) or an object; the demo seed is used when none
 * is given. A state.json in the data directory wins over any seed. Format: emulator/README.md.
 */
import fs from "node:fs";
import { z } from "zod";
import type { Clock } from "./clock";
import { isKnownScope } from "./catalog";
import { newGuid, newKey } from "./keys";
import { newOrchestratorState } from "./store/orchestrator";
import { WireSeed } from "./wire";
import {
    DEFAULT_PORTAL_ACCEPTS,
    ORGANIZATION_ADMINISTRATOR,
    PortalCredentialSchema,
    type OrgState,
    type State,
} from "./store/state";

/** The public client id UiPath's user-key exchange expects (documented). */
export const USER_KEY_CLIENT_ID = "8DEv1AMNXczW3y4U15LL3jYf62jK93n5";

const LogicalName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "letters, digits, '-' and '_' only");
const Credential = z.string().min(8, "credentials must be at least 8 characters");

const FolderPath = z
    .string()
    .regex(
        /^[^/]{1,115}(\/[^/]{1,115})*$/,
        "a folder path such as Shared/Finance: names of 1 to 115 characters joined by '/'",
    );

const TenantSeed = z.strictObject({
    name: LogicalName,
    id: z.guid().optional(),
    services: z.array(z.string().min(1)).default(["orchestrator"]),
    /** The Orchestrator API-access user key; random when omitted. */
    orchestratorUserKey: Credential.optional(),
    /** Orchestrator folders by fully qualified name ("Shared/Finance"); ancestors are implied. */
    folders: z.array(FolderPath).default(["Shared"]),
});

const UserSeed = z.strictObject({
    id: z.guid().optional(),
    email: z.email(),
    roles: z.array(z.literal(ORGANIZATION_ADMINISTRATOR)).default([]),
    assignedServices: z.array(z.strictObject({ tenant: z.string(), service: z.string() })).default([]),
    personalAccessTokens: z.array(Credential).default([]),
});

const AppSeed = z.strictObject({
    /** The client id. */
    id: z.string().min(1),
    name: z.string().min(1),
    isConfidential: z.boolean().default(true),
    /** Primary secret of a confidential app; random when omitted. */
    secret: Credential.optional(),
    scopes: z.array(z.string()).default([]),
    redirectUri: z.string().nullable().default(null),
});

const OrgSeed = z.strictObject({
    name: LogicalName,
    id: z.guid().optional(),
    directoryIntegration: z.boolean().default(false),
    userKeyAccess: z.boolean().default(true),
    /**
     * Which credentials the modeled portal_ routes (API access, product keys) accept. UiPath
     * documents neither those routes nor their credential; its own SDK calls portal_ routes with
     * a user's token, hence the default.
     */
    portalAccepts: z
        .array(PortalCredentialSchema)
        .min(1)
        .default([...DEFAULT_PORTAL_ACCEPTS]),
    documentUnderstandingApiKey: Credential.optional(),
    computerVisionApiKey: Credential.optional(),
    tenants: z.array(TenantSeed).default([]),
    users: z.array(UserSeed).default([]),
    externalApps: z.array(AppSeed).default([]),
});

export const SeedConfigSchema = z
    .strictObject({
        organizations: z.array(OrgSeed).min(1),
        /** How answers are rendered where UiPath's tools and swagger differ, and extension/fault switches (wire.ts). */
        wire: WireSeed,
    })
    .superRefine((seed, ctx) => {
        const seen = new Set<string>();
        const unique = (value: string, what: string, path: (string | number)[]): void => {
            const key = `${what}:${value.toLowerCase()}`;
            if (seen.has(key)) ctx.addIssue({ code: "custom", message: `duplicate ${what}`, path });
            seen.add(key);
        };
        seed.organizations.forEach((org, o) => {
            unique(org.name, "organization name", ["organizations", o, "name"]);
            org.tenants.forEach((t, i) =>
                unique(`${org.name}/${t.name}`, "tenant name", ["organizations", o, "tenants", i]),
            );
            org.users.forEach((user, u) => {
                user.personalAccessTokens.forEach((pat) =>
                    unique(pat, "personal access token", ["organizations", o, "users", u]),
                );
                user.assignedServices.forEach((a, i) => {
                    const tenant = org.tenants.find((t) => t.name.toLowerCase() === a.tenant.toLowerCase());
                    if (!tenant?.services.some((s) => s.toLowerCase() === a.service.toLowerCase())) {
                        ctx.addIssue({
                            code: "custom",
                            message: `unknown tenant/service ${a.tenant}/${a.service}`,
                            path: ["organizations", o, "users", u, "assignedServices", i],
                        });
                    }
                });
            });
            org.externalApps.forEach((app, a) => {
                unique(`${org.name}/${app.id}`, "external app id", ["organizations", o, "externalApps", a]);
                for (const scope of app.scopes.filter((s) => !isKnownScope(s))) {
                    ctx.addIssue({
                        code: "custom",
                        message: `unknown scope '${scope}'`,
                        path: ["organizations", o, "externalApps", a, "scopes"],
                    });
                }
            });
        });
    });

/** What callers may pass (defaults optional). */
export type SeedConfig = z.input<typeof SeedConfigSchema>;
/** After defaults are applied. */
export type ParsedSeedConfig = z.output<typeof SeedConfigSchema>;

export const DEMO_ORG_ID = "6f1c2a3b-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
export const AAD_ORG_ID = "0a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
export const RETIRED_ORG_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

/** Documented scope names only: PM.OAuthApp manages external applications. */
const MANAGEMENT_SCOPES = ["PM.OAuthApp"];
/**
 * The demo orgs let the demo app manage API access and product keys too: the demo and the
 * engine tests authenticate with it. A seed without `portalAccepts` gets user tokens only.
 */
const DEMO_PORTAL_ACCEPTS = ["user", "externalApp"] as const;

/** The demo seed: one org per error path (normal, directory integration, user keys retired). */
export const DEMO_SEED: SeedConfig = {
    organizations: [
        {
            name: "demo-org",
            id: DEMO_ORG_ID,
            portalAccepts: [...DEMO_PORTAL_ACCEPTS],
            tenants: [{ name: "DefaultTenant", services: ["orchestrator"], folders: ["Shared", "Shared/Finance"] }],
            users: [
                {
                    email: "admin@demo.local",
                    roles: [ORGANIZATION_ADMINISTRATOR],
                    personalAccessTokens: ["demo-pat-admin"],
                },
                {
                    email: "robot@demo.local",
                    assignedServices: [{ tenant: "DefaultTenant", service: "orchestrator" }],
                    personalAccessTokens: ["demo-pat-assigned"],
                },
                { email: "viewer@demo.local", personalAccessTokens: ["demo-pat-viewer"] },
            ],
            // OR.Assets and OR.Folders.Read: the demo stack writes its DU key into an Orchestrator asset.
            externalApps: [
                {
                    id: "demo-client",
                    name: "Demo client",
                    secret: "demo-secret",
                    scopes: [...MANAGEMENT_SCOPES, "OR.Assets", "OR.Folders.Read"],
                },
            ],
        },
        {
            name: "aad-org",
            id: AAD_ORG_ID,
            portalAccepts: [...DEMO_PORTAL_ACCEPTS],
            directoryIntegration: true,
            tenants: [{ name: "DefaultTenant", services: ["orchestrator"] }],
            users: [
                {
                    email: "admin@aad.local",
                    roles: [ORGANIZATION_ADMINISTRATOR],
                    personalAccessTokens: ["demo-pat-aad-admin"],
                },
            ],
            externalApps: [{ id: "aad-client", name: "AAD client", secret: "aad-secret", scopes: MANAGEMENT_SCOPES }],
        },
        {
            name: "retired-org",
            id: RETIRED_ORG_ID,
            portalAccepts: [...DEMO_PORTAL_ACCEPTS],
            userKeyAccess: false,
            tenants: [{ name: "DefaultTenant", services: ["orchestrator"] }],
            users: [
                {
                    email: "admin@retired.local",
                    roles: [ORGANIZATION_ADMINISTRATOR],
                    personalAccessTokens: ["demo-pat-retired-admin"],
                },
            ],
            externalApps: [
                { id: "retired-client", name: "Retired client", secret: "retired-secret", scopes: MANAGEMENT_SCOPES },
            ],
        },
    ],
};

/** Validates a seed; the error lists every problem with its path. */
export function parseSeedConfig(input: unknown, source = "seed config"): ParsedSeedConfig {
    const parsed = SeedConfigSchema.safeParse(input);
    if (!parsed.success) throw new Error(`Invalid ${source}:\n${z.prettifyError(parsed.error)}`);
    return parsed.data;
}

/** Reads and validates a seed JSON file. */
export function loadSeedConfigFile(file: string): ParsedSeedConfig {
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (cause) {
        throw new Error(`Cannot read seed config ${file}: ${(cause as Error).message}`, { cause });
    }
    return parseSeedConfig(json, `seed config ${file}`);
}

/** Resolves the `config` option: a path, an object, or nothing (demo seed). */
export function resolveSeedConfig(config: SeedConfig | string | undefined): ParsedSeedConfig {
    if (typeof config === "string") return loadSeedConfigFile(config);
    return parseSeedConfig(config ?? DEMO_SEED);
}

/** Turns a seed into the initial state, generating any key the seed leaves out. */
export function buildState(seed: ParsedSeedConfig, clock: Clock): State {
    return { version: 1, orgs: seed.organizations.map((org) => buildOrg(org, clock.now())) };
}

function buildOrg(org: ParsedSeedConfig["organizations"][number], now: number): OrgState {
    let nextSecretId = 1;
    const externalApps = org.externalApps.map((app) => ({
        id: app.id,
        name: app.name,
        isConfidential: app.isConfidential,
        redirectUri: app.redirectUri,
        scopes: [...app.scopes],
        // The primary secret is the app's first secret entry (see README: it can be deleted like any other).
        secrets: app.isConfidential
            ? [
                  {
                      id: nextSecretId++,
                      value: app.secret ?? newKey(),
                      description: null,
                      creationTime: now,
                      expiryTime: null,
                  },
              ]
            : [],
    }));
    return {
        name: org.name,
        id: org.id ?? newGuid(),
        directoryIntegration: org.directoryIntegration,
        userKeyAccess: org.userKeyAccess,
        portalAccepts: [...org.portalAccepts],
        documentUnderstandingApiKey: org.documentUnderstandingApiKey ?? newKey(),
        computerVisionApiKey: org.computerVisionApiKey ?? newKey(),
        tenants: org.tenants.map((t) => ({
            name: t.name,
            id: t.id ?? newGuid(),
            services: t.services.map((name) => ({
                name,
                // Only Orchestrator has an API-access user key.
                userKey: name.toLowerCase() === "orchestrator" ? (t.orchestratorUserKey ?? newKey()) : null,
            })),
            orchestrator: newOrchestratorState(t.folders),
        })),
        users: org.users.map((u) => ({
            id: u.id ?? newGuid(),
            email: u.email,
            roles: [...u.roles],
            assignedServices: u.assignedServices.map((a) => ({ ...a })),
            personalAccessTokens: [...u.personalAccessTokens],
        })),
        externalApps,
        nextSecretId,
    };
}
