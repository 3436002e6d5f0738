/**
 * The scope catalog served at `GET /{org}/identity_/api/ExternalApiResource`. The path is
 * documented; the content is modeled (UiPath's real catalog is larger and changes over time).
 * External-application scopes are validated against it.
 */

export type ScopeType = "user" | "application" | "userAndApplication";

export interface CatalogScope {
    name: string;
    displayName: string;
    type: ScopeType;
}

export interface CatalogResource {
    name: string;
    displayName: string;
    scopes: CatalogScope[];
}

/** `OR.Assets` → `OR.Assets`, `OR.Assets.Read`, `OR.Assets.Write`. */
function family(prefix: string, area: string, label: string, type: ScopeType): CatalogScope[] {
    return [
        { name: `${prefix}.${area}`, displayName: `${label} (read and write)`, type },
        { name: `${prefix}.${area}.Read`, displayName: `${label} (read)`, type },
        { name: `${prefix}.${area}.Write`, displayName: `${label} (write)`, type },
    ];
}

const ORCHESTRATOR_AREAS: Array<[string, string]> = [
    ["Administration", "Administration"],
    ["Assets", "Assets"],
    ["Execution", "Execution"],
    ["Folders", "Folders"],
    ["Jobs", "Jobs"],
    ["Machines", "Machines"],
    ["Queues", "Queues"],
    ["Robots", "Robots"],
    ["Settings", "Settings"],
    ["Users", "Users"],
];

export const SCOPE_CATALOG: readonly CatalogResource[] = [
    {
        name: "OrchestratorApiUserAccess",
        displayName: "Orchestrator API Access",
        scopes: [
            { name: "OR.Default", displayName: "Default Orchestrator access", type: "userAndApplication" },
            ...ORCHESTRATOR_AREAS.flatMap(([area, label]) => family("OR", area, label, "userAndApplication")),
        ],
    },
    {
        name: "PlatformManagement",
        displayName: "Platform Management",
        scopes: [
            ...family("PM", "OAuthApp", "External applications", "application"),
            ...family("PM", "ApiAccess", "API access and product keys", "application"),
            ...family("PM", "User", "Users", "application"),
            ...family("PM", "Group", "Groups", "application"),
        ],
    },
    {
        name: "DocumentUnderstanding",
        displayName: "Document Understanding",
        scopes: [
            { name: "Du.Digitization.Api", displayName: "Digitization", type: "application" },
            { name: "Du.Classification.Api", displayName: "Classification", type: "application" },
            { name: "Du.Extraction.Api", displayName: "Extraction", type: "application" },
            { name: "Du.Validation.Api", displayName: "Validation", type: "application" },
        ],
    },
];

const BY_NAME = new Map<string, { resource: CatalogResource; scope: CatalogScope }>(
    SCOPE_CATALOG.flatMap((resource) => resource.scopes.map((scope) => [scope.name, { resource, scope }] as const)),
);

export function isKnownScope(name: string): boolean {
    return BY_NAME.has(name);
}

/** Groups an app's flat scope list into the `resources` shape of the app response. */
export function resourcesFor(scopes: readonly string[]): CatalogResource[] {
    const grouped = new Map<string, CatalogResource>();
    for (const name of scopes) {
        const hit = BY_NAME.get(name);
        if (!hit) continue;
        let entry = grouped.get(hit.resource.name);
        if (!entry) {
            entry = { name: hit.resource.name, displayName: hit.resource.displayName, scopes: [] };
            grouped.set(hit.resource.name, entry);
        }
        entry.scopes.push({ ...hit.scope });
    }
    return [...grouped.values()];
}
