/**
 * Authorization rules for the management routes, in the order the brief fixes:
 * org-level checks first (directory integration, retired user keys), then the caller.
 *  - Identity routes (external applications): apps need one of the documented scopes; users must
 *    be Organization Administrators.
 *  - Modeled portal routes (API access, product keys): UiPath documents neither the routes nor
 *    the credential they accept. Which kinds of credential they take is the org's seed option
 *    `portalAccepts` (default: user tokens only — UiPath's own SDK calls portal_ routes with a
 *    user token). An accepted app needs no particular scope: none is documented for them.
 *    Users: Organization Administrators may do everything; a user assigned to a tenant's service
 *    may read and revoke that service's API access only.
 *  - user-key tokens: Orchestrator only, never management (403).
 */
import type { Caller } from "./context";
import { errors } from "./errors";
import { DEFAULT_PORTAL_ACCEPTS, ORGANIZATION_ADMINISTRATOR, findUser, sameId, type OrgState } from "./store/state";

export const SCOPES = {
    oauthAppRead: ["PM.OAuthApp.Read", "PM.OAuthApp"],
    oauthAppWrite: ["PM.OAuthApp.Write", "PM.OAuthApp"],
    /**
     * Generate or delete a client secret. `PM.OAuthAppSecret.Write`: the POST GenerateSecret and
     * DELETE secret pages of the Automation Suite API guide; the GET GenerateSecret page prints
     * `PM.OAuthSecret.Write`, taken as a typo of it but accepted too.
     */
    oauthAppSecretWrite: ["PM.OAuthAppSecret.Write", "PM.OAuthSecret.Write", "PM.OAuthApp.Write", "PM.OAuthApp"],
} as const;

export interface Requirement {
    /** An app needs any one of these scopes. */
    anyScope: readonly string[];
    /** When set, a user assigned to this tenant service also qualifies. */
    assignedTo?: { tenant: string; service: string };
}

export function requireNoDirectoryIntegration(org: OrgState): void {
    if (org.directoryIntegration) throw errors.directoryIntegrationEnabled(org.name);
}

export function requireUserKeyAccess(org: OrgState): void {
    if (!org.userKeyAccess) throw errors.userKeyAccessRetired(org.name);
}

export function authorize(org: OrgState, caller: Caller, need: Requirement): void {
    switch (caller.kind) {
        case "user": {
            const user = findUser(org, caller.userId);
            if (!user) throw errors.unauthorized();
            if (user.roles.includes(ORGANIZATION_ADMINISTRATOR)) return;
            const target = need.assignedTo;
            if (!target) throw errors.notOrganizationAdministrator();
            const assigned = user.assignedServices.some(
                (a) => sameId(a.tenant, target.tenant) && sameId(a.service, target.service),
            );
            if (!assigned) throw errors.notAssignedToService(target.tenant, target.service);
            return;
        }
        case "app":
            if (need.anyScope.some((s) => caller.scopes.includes(s))) return;
            throw errors.insufficientScope([...need.anyScope]);
        case "userKey":
            throw errors.insufficientScope(
                [...need.anyScope],
                " Tokens obtained from a user key are valid for Orchestrator only; use an external application or a personal access token.",
            );
        default:
            throw errors.unauthorized();
    }
}

const USER_KEY_ONLY = "a user key's (tokens obtained from a user key are valid for Orchestrator only)";

/** Any authenticated caller of the org except user-key tokens (organization info). */
export function requireManagementCaller(caller: Caller): void {
    if (caller.kind === "userKey") throw errors.credentialNotAccepted(USER_KEY_ONLY, ["user", "externalApp"]);
    if (caller.kind === "anonymous") throw errors.unauthorized();
}

/**
 * A modeled portal route (API access, product keys): the caller's kind of credential must be one
 * the org's `portalAccepts` lists; a user must also be an Organization Administrator (or, with
 * `assignedTo`, assigned to that service).
 */
export function authorizePortal(org: OrgState, caller: Caller, assignedTo?: { tenant: string; service: string }): void {
    const accepted = org.portalAccepts ?? DEFAULT_PORTAL_ACCEPTS;
    switch (caller.kind) {
        case "user":
            if (!accepted.includes("user")) throw errors.credentialNotAccepted("a user's", accepted);
            authorize(org, caller, { anyScope: [], assignedTo });
            return;
        case "app":
            if (!accepted.includes("externalApp"))
                throw errors.credentialNotAccepted("an external application's", accepted);
            return;
        case "userKey":
            throw errors.credentialNotAccepted(USER_KEY_ONLY, accepted);
        default:
            throw errors.unauthorized();
    }
}
