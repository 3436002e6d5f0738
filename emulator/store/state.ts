/**
 * The emulator's persistent model. The zod schemas double as the on-disk format check: a
 * state.json that does not match is refused at start instead of half-loaded.
 */
import { z } from "zod";
import { newOrchestratorState, OrchestratorStateSchema } from "./orchestrator";

export const ORGANIZATION_ADMINISTRATOR = "OrganizationAdministrator";

/** A client secret of an external application. `id` is an integer unique within the org. */
export const SecretStateSchema = z.object({
    id: z.number().int().positive(),
    value: z.string().min(1),
    description: z.string().nullable(),
    creationTime: z.number(),
    /** Epoch ms; null = never expires. */
    expiryTime: z.number().nullable(),
    /** Epoch ms before which the token endpoint refuses it (the seed's `wire.secretPropagationMs`); absent = at once. */
    validFrom: z.number().optional(),
});
export type SecretState = z.infer<typeof SecretStateSchema>;

/**
 * A federated credential of an external application ("External client — Federated credentials",
 * Automation Cloud API guide): a JWT whose `iss` equals `issuer`, whose `sub` equals `subject` and
 * whose `aud` holds `audience` signs in as the app.
 */
export const FederatedCredentialStateSchema = z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().nullable(),
    issuer: z.string().min(1),
    audience: z.string().min(1),
    subject: z.string().min(1),
    createdAt: z.number(),
});
export type FederatedCredentialState = z.infer<typeof FederatedCredentialStateSchema>;

export const AppStateSchema = z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    isConfidential: z.boolean(),
    redirectUri: z.string().nullable(),
    /** Application scopes (granted to client-credentials tokens). */
    scopes: z.array(z.string()),
    /** User scopes (delegated; no grant of the emulator issues them). Absent in older state files. */
    userScopes: z.array(z.string()).optional(),
    secrets: z.array(SecretStateSchema),
    /** Absent in older state files: none. */
    federatedCredentials: z.array(FederatedCredentialStateSchema).optional(),
});
export type AppState = z.infer<typeof AppStateSchema>;

/** A service of a tenant; only Orchestrator services carry an API-access user key. */
export const ServiceStateSchema = z.object({
    name: z.string().min(1),
    userKey: z.string().nullable(),
});
export type ServiceState = z.infer<typeof ServiceStateSchema>;

export const TenantStateSchema = z.object({
    name: z.string().min(1),
    id: z.string().min(1),
    services: z.array(ServiceStateSchema),
    /** Folders and assets; a state.json from before they existed gets the default "Shared" folder. */
    orchestrator: OrchestratorStateSchema.default(() => newOrchestratorState()),
});
export type TenantState = z.infer<typeof TenantStateSchema>;

export const UserStateSchema = z.object({
    id: z.string().min(1),
    email: z.string().min(1),
    roles: z.array(z.string()),
    assignedServices: z.array(z.object({ tenant: z.string(), service: z.string() })),
    personalAccessTokens: z.array(z.string()),
});
export type UserState = z.infer<typeof UserStateSchema>;

/** Kinds of credential the modeled portal_ routes may accept (seed option `portalAccepts`). */
export const PortalCredentialSchema = z.enum(["user", "externalApp"]);
export type PortalCredential = z.infer<typeof PortalCredentialSchema>;
/** What public evidence shows portal_ routes accept: a user's token (UiPath's Python SDK). */
export const DEFAULT_PORTAL_ACCEPTS: readonly PortalCredential[] = ["user"];

export const OrgStateSchema = z.object({
    name: z.string().min(1),
    /** The partitionGlobalId. */
    id: z.string().min(1),
    directoryIntegration: z.boolean(),
    userKeyAccess: z.boolean(),
    /** Absent in older state files: {@link DEFAULT_PORTAL_ACCEPTS}. */
    portalAccepts: z.array(PortalCredentialSchema).optional(),
    documentUnderstandingApiKey: z.string().min(1),
    computerVisionApiKey: z.string().min(1),
    tenants: z.array(TenantStateSchema),
    users: z.array(UserStateSchema),
    externalApps: z.array(AppStateSchema),
    nextSecretId: z.number().int().positive(),
});
export type OrgState = z.infer<typeof OrgStateSchema>;

export const StateSchema = z.object({
    version: z.literal(1),
    orgs: z.array(OrgStateSchema),
});
export type State = z.infer<typeof StateSchema>;

// Lookups. UiPath logical names and GUIDs compare case-insensitively, so do we.
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * `{org}` in a URL is the organization's name or its id (uipathcli's server variable: "The
 * organization name (or id)"; UiPath's Python SDK puts the id in the path).
 */
export function findOrg(state: State, nameOrId: string): OrgState | undefined {
    return state.orgs.find((o) => same(o.name, nameOrId)) ?? state.orgs.find((o) => same(o.id, nameOrId));
}

/** `{tenant}`: the tenant's name or id, likewise. */
export function findTenant(org: OrgState, nameOrId: string): TenantState | undefined {
    return org.tenants.find((t) => same(t.name, nameOrId)) ?? org.tenants.find((t) => same(t.id, nameOrId));
}

export function findService(tenant: TenantState, name: string): ServiceState | undefined {
    return tenant.services.find((s) => same(s.name, name));
}

export function findApp(org: OrgState, clientId: string): AppState | undefined {
    return org.externalApps.find((a) => a.id === clientId);
}

export function findUser(org: OrgState, userId: string): UserState | undefined {
    return org.users.find((u) => u.id === userId);
}

export function sameId(a: string, b: string): boolean {
    return same(a, b);
}

/** Finds the owner of a personal access token across all orgs. */
export function findUserByPat(state: State, pat: string): { org: OrgState; user: UserState } | undefined {
    for (const org of state.orgs) {
        const user = org.users.find((u) => u.personalAccessTokens.includes(pat));
        if (user) return { org, user };
    }
    return undefined;
}

/** Finds the service whose CURRENT user key is `key` (revoked keys are simply gone). */
export function findUserKey(
    state: State,
    key: string,
): { org: OrgState; tenant: TenantState; service: ServiceState } | undefined {
    for (const org of state.orgs) {
        for (const tenant of org.tenants) {
            const service = tenant.services.find((s) => s.userKey !== null && s.userKey === key);
            if (service) return { org, tenant, service };
        }
    }
    return undefined;
}
