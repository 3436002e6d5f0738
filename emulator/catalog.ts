/**
 * The scope catalog served at `GET /{org}/identity_/api/ExternalApiResource`.
 *
 * fidelity: path and shape documented, content partly modeled.
 *  - Shape `ExternalResourceDto {name, displayName, description, scopes: ExternalScopeDto[]}`,
 *    `ExternalScopeDto {name, displayName, description, type}`:
 *    UiPath's "IdentityServer Internal API" swagger, UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf
 *    definitions/identity.yaml L6638-L6678 (route L1854-L1878). `type` travels as an integer,
 *    0 = user, 1 = application, 2 = either (see wire.ts); kept here by name and rendered there.
 *  - Scope NAMES: each family below cites where UiPath publishes it.
 *  - Resource grouping and names, display names, descriptions and each scope's `type`: modeled
 *    (no public source lists UiPath's real catalog; it is larger and changes over time).
 * External-application scopes are validated against it (see handlers/externalAppBodies.ts).
 */

export type ScopeType = "user" | "application" | "userAndApplication";

export interface CatalogScope {
    name: string;
    displayName: string;
    description: string;
    type: ScopeType;
}

export interface CatalogResource {
    name: string;
    displayName: string;
    description: string;
    scopes: CatalogScope[];
}

type Access = "base" | "Read" | "Write";

/** `OR.Assets` → `OR.Assets`, `OR.Assets.Read`, `OR.Assets.Write` (only those in `access`). */
function family(
    prefix: string,
    area: string,
    label: string,
    type: ScopeType,
    access: readonly Access[] = ["base", "Read", "Write"],
): CatalogScope[] {
    const text: Record<Access, string> = { base: "read and write", Read: "read", Write: "write" };
    return access.map((a) => ({
        name: a === "base" ? `${prefix}.${area}` : `${prefix}.${area}.${a}`,
        displayName: `${label} (${text[a]})`,
        description: `Allows ${text[a]} access to ${label.toLowerCase()}.`,
        type,
    }));
}

/**
 * Orchestrator families: every "OAuth required scopes: OR.X or OR.X.Read" name in UiPath's
 * published Orchestrator swagger, UiPath/uipathcli@310b3050433d20bd6cad48e96a2d74a1cc8c074d
 * definitions/orchestrator.yaml (e.g. L23, L81). `OR.BackgroundTasks` observed in a granted
 * token (https://forum.uipath.com/t/orchestrator-api-oauth2-get-refresh-token-for-confidential-application/341681).
 */
const ORCHESTRATOR_AREAS: ReadonlyArray<[string, string]> = [
    ["Administration", "Administration"],
    ["Assets", "Assets"],
    ["Audit", "Audit logs"],
    ["BackgroundTasks", "Background tasks"],
    ["BusinessRules", "Business rules"],
    ["Execution", "Execution"],
    ["Folders", "Folders"],
    ["Jobs", "Jobs"],
    ["License", "Licenses"],
    ["Machines", "Machines"],
    ["Monitoring", "Monitoring"],
    ["Queues", "Queues"],
    ["Robots", "Robots"],
    ["Settings", "Settings"],
    ["Tasks", "Tasks"],
    ["TestDataQueues", "Test data queues"],
    ["TestSetExecutions", "Test set executions"],
    ["TestSetSchedules", "Test set schedules"],
    ["TestSets", "Test sets"],
    ["Users", "Users"],
    ["Webhooks", "Webhooks"],
];

export const SCOPE_CATALOG: readonly CatalogResource[] = [
    {
        name: "OrchestratorApiUserAccess",
        displayName: "Orchestrator API Access",
        description: "Orchestrator's REST API.",
        scopes: [
            // Documented: "Configuring fine-grained access for confidential apps", Automation Cloud admin guide,
            // https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/configuring-access-for-external-apps
            // ("OR.Default acts as a wildcard scope" for folder role assignments).
            {
                name: "OR.Default",
                displayName: "Default Orchestrator access",
                description: "Access through the app's folder role assignments.",
                type: "userAndApplication",
            },
            ...ORCHESTRATOR_AREAS.flatMap(([area, label]) => family("OR", area, label, "userAndApplication")),
        ],
    },
    {
        name: "PlatformManagement",
        displayName: "Platform Management",
        description:
            "Organization management: users, groups, robot accounts, settings, licenses, external applications.",
        scopes: [
            // "Platform Management scopes and permissions", https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/platform-management-scopes-and-permissions
            ...family("PM", "Audit", "Audit logs", "application", ["base", "Read"]),
            ...family("PM", "Group", "Groups", "application"),
            ...family("PM", "RobotAccount", "Robot accounts", "application"),
            ...family("PM", "Setting", "Settings", "application"),
            {
                name: "PM.AuthSetting",
                displayName: "SAML certificates",
                description: "Allows managing SAML certificates.",
                type: "application",
            },
            ...family("PM", "User", "Users", "application"),
            ...family("PM", "License", "Licenses", "application"),
            // The external-client pages, e.g. https://docs.uipath.com/automation-suite/automation-suite/2.2510/api-guide/delete-client-secret
            ...family("PM", "OAuthApp", "External applications", "application"),
            {
                name: "PM.OAuthAppSecret.Write",
                displayName: "External application secrets (write)",
                description: "Allows generating and deleting external application secrets.",
                type: "application",
            },
        ],
    },
    {
        name: "DocumentUnderstanding",
        displayName: "Document Understanding",
        description: "Document Understanding cloud APIs.",
        // UiPath/uipathcli@310b3050433d20bd6cad48e96a2d74a1cc8c074d definitions/du.framework.yaml L9462-L9474
        scopes: ["Digitization", "Classification", "Extraction", "Validation", "DataDeletion"].map((area) => ({
            name: `Du.${area}.Api`,
            displayName: area === "DataDeletion" ? "Data deletion" : area,
            description: `Allows calling the Document Understanding ${area === "DataDeletion" ? "data deletion" : area.toLowerCase()} API.`,
            type: "application" as const,
        })),
    },
];

const BY_NAME = new Map<string, { resource: CatalogResource; scope: CatalogScope }>(
    SCOPE_CATALOG.flatMap((resource) => resource.scopes.map((scope) => [scope.name, { resource, scope }] as const)),
);

export function isKnownScope(name: string): boolean {
    return BY_NAME.has(name);
}

/** The catalog entry of a scope, if any. */
export function catalogScope(name: string): CatalogScope | undefined {
    return BY_NAME.get(name)?.scope;
}

/** Whether a scope may be granted as an application scope (`application`) or a user scope (`user`). */
export function allowsUse(scope: CatalogScope, use: "application" | "user"): boolean {
    return scope.type === "userAndApplication" || scope.type === use;
}

/**
 * Groups an app's scopes into the `resources` shape of the app response: one entry per scope
 * and use, so a scope granted both as an application and as a user scope is listed twice, with
 * types `application` and `user`. Registrations read back as 0 or 1 only (UiPath-Services/UiPathOrch's
 * Test-PmExternalApplication notes "a confidential application's scopes are 1 and a
 * non-confidential one's are 0", UiPath-Services/UiPathOrch@767be6c88a5699fe6bf6dbd2fd95d6cd9e113b89
 * UiPathOrch/PlatformManagementCmdlet/PmExternalCmdlet/TestPmExternalApplication.cs); listing a
 * scope of both uses twice is modeled.
 */
export function resourcesFor(
    applicationScopes: readonly string[],
    userScopes: readonly string[] = [],
): CatalogResource[] {
    const grouped = new Map<string, CatalogResource>();
    for (const name of new Set([...applicationScopes, ...userScopes])) {
        const hit = BY_NAME.get(name);
        if (!hit) continue;
        let entry = grouped.get(hit.resource.name);
        if (!entry) {
            entry = {
                name: hit.resource.name,
                displayName: hit.resource.displayName,
                description: hit.resource.description,
                scopes: [],
            };
            grouped.set(hit.resource.name, entry);
        }
        if (applicationScopes.includes(name)) entry.scopes.push({ ...hit.scope, type: "application" });
        if (userScopes.includes(name)) entry.scopes.push({ ...hit.scope, type: "user" });
    }
    return [...grouped.values()];
}
