/**
 * The resource kinds the benchmark measures, one descriptor each. A new kind
 * (external application, secret, asset) is one more entry: how to write its
 * i-th resource in a program, which output dependents consume, what the
 * emulator must hold so that N of them are N distinct things, spread over the
 * layout's organizations (and folders, for assets), and the HTTP calls the
 * calling baseline makes for each (see CallPlan).
 */
import type { SeedConfig } from "../emulator";

type OrgSeed = SeedConfig["organizations"][number];

/** Credentials of the external application every benchmark organization holds. */
export const BENCH_APP = { clientId: "bench-client", clientSecret: "bench-client-secret" } as const;
/** The organization the stack's default connection (UIPATH_ORGANIZATION) points at. */
export const BENCH_ORG = "bench";
/** The calling baseline works in a copy of each organization, named with this prefix: its apps, secrets and assets never meet the subject's. */
export const CALLING_ORG_PREFIX = "base-";

/** The organizations seeded for a bench: each one, and its copy for the calling baseline. */
export const withCallingCopies = (orgs: OrgSeed[]): OrgSeed[] => [
    ...orgs,
    ...orgs.map((o) => ({ ...o, name: `${CALLING_ORG_PREFIX}${o.name}` })),
];

/**
 * How N resources are spread: over `orgs` organizations `bench-o<j>` (resource i in
 * organization i mod orgs, with its own `connection`), or all in the default
 * connection's organization when `orgs` is undefined (the bench before --orgs);
 * assets also over `folders` folders per tenant.
 */
export interface Layout {
    orgs?: number;
    folders: number;
}

/** The organization of resource `i` (the program computes the same with `org(i)`). */
export const orgOf = (i: number, layout: Layout): string =>
    layout.orgs === undefined ? BENCH_ORG : `bench-o${i % layout.orgs}`;

/** The folder of asset `i`: within an organization, its resources go round the folders. */
export const folderOf = (i: number, layout: Layout): string =>
    layout.folders <= 1 ? "Shared" : `Shared/f${Math.floor(i / (layout.orgs ?? 1)) % layout.folders}`;

/**
 * What the calling baseline's provider does in each method, as JavaScript
 * statements (run in the dynamic-provider process, from the stack's calling.js). In scope: `inputs` (create)
 * or `props` (read, delete), `org` (the calling copy of the resource's
 * organization), and `api` with `call(org, method, path, { json?, headers? })`
 * (the parsed answer; the organization's token is fetched once per run and added),
 * `pg(org)` (the partitionGlobalId, from the token's prt_id claim) and
 * `once(key, fn)` (one shared call per run, single-flight). `create` returns the
 * outputs the later methods need. Each plan mirrors the calls the subject makes
 * in that method (routes, order, count): see program.ts for why.
 */
export interface CallPlan {
    create: string;
    read: string;
    delete: string;
}

export interface BenchKind {
    /** The class exported by `pulumi-uipath-keys`. */
    name: string;
    /**
     * A TypeScript expression of the args of resource `i`. In scope: `i`,
     * `trigger(i)` (its rotation trigger), `env` (process.env), `conn(i)` (the
     * layout's `connection` argument to spread, empty without --orgs) and
     * `folder(i)`. The baselines get the same args, so all programs have the
     * same shape and inputs.
     */
    args: string;
    /** The output a dependent consumes (the key). */
    keyOutput: string;
    /** The emulator organizations that N resources of this kind need, spread as the layout says. */
    seed(n: number, layout: Layout): OrgSeed[];
    /** The calls the calling baseline makes for one resource. */
    calls: CallPlan;
    /** True for a kind whose resources are one per organization by nature (the product keys): --orgs does not apply. */
    perOrganization?: true;
    /**
     * The properties the class registers besides the args (its outputs, and
     * inputs it adds): the shaped baseline (`--baseline shaped`) registers the
     * same ones, to tell the SDK's cost per property from the provider's.
     */
    properties: readonly string[];
    /** False for a kind that nothing rotates (an external application): the rotation scenario skips it. */
    rotates?: false;
}

/** An organization with the benchmark's external application, accepted by its admin routes. */
export function benchOrg(name: string, extra: Partial<OrgSeed> = {}, scopes: string[] = ["PM.OAuthApp"]): OrgSeed {
    return {
        name,
        externalApps: [{ id: BENCH_APP.clientId, name: "Benchmark", secret: BENCH_APP.clientSecret, scopes }],
        // UiPath documents no credential for the admin routes; the benchmark authenticates as its app.
        portalAccepts: ["user", "externalApp"],
        ...extra,
    };
}

/**
 * The organizations of a layout, each with what its share of the N resources
 * needs (`extra(indices)`: the resources i that live there). The default
 * connection's organization is always there (the stack's UIPATH_ORGANIZATION).
 */
function layoutOrgs(
    n: number,
    layout: Layout,
    extra: (indices: number[]) => Partial<OrgSeed>,
    scopes?: string[],
): OrgSeed[] {
    const indices = Array.from({ length: n }, (_, i) => i);
    if (layout.orgs === undefined) return [benchOrg(BENCH_ORG, extra(indices), scopes)];
    const orgs = Array.from({ length: layout.orgs }, (_, j) =>
        benchOrg(`bench-o${j}`, extra(indices.filter((i) => i % layout.orgs! === j)), scopes),
    );
    return [benchOrg(BENCH_ORG, {}, scopes), ...orgs];
}

/** Per-resource connection to organization `bench-<i>`: one organization per product key. */
const perOrgConnection =
    "connection: { organization: `bench-${i}`, clientId: env.UIPATH_CLIENT_ID, clientSecret: env.UIPATH_CLIENT_SECRET }";

const identity = "`/${org}/identity_/api`";
const appPath = (clientId: string) => `\`/\${org}/identity_/api/ExternalClient/\${await api.pg(org)}/\${${clientId}}\``;

const productKey = (name: string, product: string): BenchKind => ({
    name,
    args: `({ rotationTrigger: trigger(i), ${perOrgConnection} })`,
    keyOutput: "apiKey",
    properties: [
        "apiKey",
        "organization",
        "keyFingerprint",
        "appliedKeyFingerprint",
        "rotatedAt",
        "rotationDueAt",
        "sameKeyAs",
    ],
    seed: (n) => [benchOrg(BENCH_ORG), ...Array.from({ length: n }, (_, i) => benchOrg(`bench-${i}`))],
    perOrganization: true,
    // The key is read on create and refresh; delete leaves the organization's key alone.
    calls: {
        create: `await api.call(org, "GET", \`/\${org}/portal_/api/apiAccess/${product}\`); return {};`,
        read: `await api.call(org, "GET", \`/\${org}/portal_/api/apiAccess/${product}\`);`,
        delete: "",
    },
});

const apiAccessPath = "`/${org}/portal_/api/apiAccess/tenants/${inputs.tenant}/services/orchestrator`";

export const KINDS: readonly BenchKind[] = [
    {
        name: "OrchestratorApiAccess",
        args: "({ tenant: `t${i}`, rotationTrigger: trigger(i), ...conn(i) })",
        keyOutput: "userKey",
        properties: [
            "userKey",
            "accountLogicalName",
            "tenantName",
            "clientId",
            "organization",
            "keyFingerprint",
            "appliedKeyFingerprint",
            "rotatedAt",
            "rotationDueAt",
            "sameKeyAs",
        ],
        seed: (n, layout) =>
            layoutOrgs(n, layout, (indices) => ({
                tenants: indices.map((i) => ({ name: `t${i}`, services: ["orchestrator"] })),
            })),
        // The tenant's user key is read on create and refresh; delete leaves it alone.
        calls: {
            create: `await api.call(org, "GET", ${apiAccessPath}); return {};`,
            read: `const inputs = props; await api.call(org, "GET", ${apiAccessPath});`,
            delete: "",
        },
    },
    productKey("DocumentUnderstandingApiKey", "documentUnderstanding"),
    productKey("ComputerVisionApiKey", "computerVision"),
    {
        name: "ExternalApplication",
        args: '({ name: `bench-app-${i}`, applicationScopes: ["OR.Assets.Read"], ...conn(i) })',
        keyOutput: "secret",
        properties: ["clientId", "organization", "tokenUrl", "secret", "secretId"],
        seed: (n, layout) => layoutOrgs(n, layout, () => ({})),
        // The scope catalog once per organization and run, then the app's POST; refresh reads the app, delete deletes it.
        calls: {
            create: `await api.once("catalog " + org, () => api.call(org, "GET", ${identity} + "/ExternalApiResource"));
const scopes = inputs.applicationScopes.map((name) => ({ name, displayName: null, description: null, type: 1 }));
const json = { partitionGlobalId: await api.pg(org), name: inputs.name, isConfidential: true, redirectUri: null, scopes };
const app = await api.call(org, "POST", ${identity} + "/ExternalClient", { json });
return { clientId: app.id };`,
            read: `await api.call(org, "GET", ${appPath("props.clientId")});`,
            delete: `await api.call(org, "DELETE", ${appPath("props.clientId")});`,
        },
    },
    {
        name: "ExternalApplicationSecret",
        args: "({ clientId: `bench-app-${i}`, rotationTrigger: trigger(i), ...conn(i) })",
        keyOutput: "secret",
        properties: [
            "secretTag",
            "expiresAt",
            "organization",
            "secret",
            "secretId",
            "rotatedAt",
            "previousSecretId",
            "previousSecretRetiresAt",
            "rotationDueAt",
            "secretExists",
            "expiryRule",
        ],
        seed: (n, layout) => {
            const apps = (indices: number[]) => [
                { id: BENCH_APP.clientId, name: "Benchmark", secret: BENCH_APP.clientSecret, scopes: ["PM.OAuthApp"] },
                ...indices.map((i) => ({
                    id: `bench-app-${i}`,
                    name: `Bench app ${i}`,
                    secret: `bench-app-${i}-first-secret`,
                    scopes: ["OR.Assets.Read"],
                })),
            ];
            return layoutOrgs(n, layout, (indices) => ({ externalApps: apps(indices) }));
        },
        // Create reads the app, then generates a secret; refresh reads the app; delete reads it, then deletes the secret.
        calls: {
            create: `await api.call(org, "GET", ${appPath("inputs.clientId")});
const json = { clientId: inputs.clientId, description: "Managed by Pulumi (bench)", partitionGlobalId: await api.pg(org), expiryTime: null };
const secret = await api.call(org, "POST", ${identity} + "/ExternalClient/GenerateSecret", { json });
return { secretId: secret.id };`,
            read: `await api.call(org, "GET", ${appPath("props.clientId")});`,
            delete: `await api.call(org, "GET", ${appPath("props.clientId")});
await api.call(org, "DELETE", \`/\${org}/identity_/api/ExternalClient/\${await api.pg(org)}/secrets/\${props.secretId}\`);`,
        },
    },
    {
        // A "rotation" is a new value: the dependents consume its fingerprint.
        name: "OrchestratorAsset",
        args: '({ tenant: "t0", folder: folder(i), name: `asset-${i}`, valueType: "Text", value: trigger(i), ...conn(i) })',
        keyOutput: "valueFingerprint",
        properties: [
            "assetId",
            "assetKey",
            "folderId",
            "organization",
            "fingerprintSalt",
            "valueFingerprint",
            "lastModificationTime",
        ],
        seed: (n, layout) => {
            const folders = Array.from({ length: Math.max(layout.folders, 1) }, (_, f) =>
                folderOf(f * (layout.orgs ?? 1), layout),
            );
            return layoutOrgs(
                n,
                layout,
                () => ({
                    tenants: [
                        { name: "t0", services: ["orchestrator"], folders: [...new Set(["Shared", ...folders])] },
                    ],
                }),
                ["PM.OAuthApp", "OR.Assets", "OR.Folders.Read"],
            );
        },
        // Create looks the folder up, looks for an asset of that name, then POSTs it; refresh GETs it, delete DELETEs it.
        calls: {
            create: `const odata = \`/\${org}/\${inputs.tenant}/orchestrator_/odata\`;
const lit = (s) => "'" + s.replaceAll("'", "''") + "'";
const folders = await api.call(org, "GET", odata + "/Folders?" + new URLSearchParams({ $filter: "FullyQualifiedName eq " + lit(inputs.folder), $top: "2" }));
const folderId = String(folders.value[0].Id);
const headers = { "x-uipath-organizationunitid": folderId };
const query = new URLSearchParams({ $filter: "Name eq " + lit(inputs.name), $top: "100", $skip: "0" });
await api.call(org, "GET", odata + "/Assets/UiPath.Server.Configuration.OData.GetFiltered?" + query, { headers });
const json = { Name: inputs.name, ValueScope: "Global", ValueType: "Text", Description: null, StringValue: inputs.value };
const asset = await api.call(org, "POST", odata + "/Assets", { json, headers });
return { assetId: asset.Id, folderId };`,
            read: `await api.call(org, "GET", \`/\${org}/\${props.tenant}/orchestrator_/odata/Assets(\${props.assetId})\`, { headers: { "x-uipath-organizationunitid": props.folderId } });`,
            delete: `await api.call(org, "DELETE", \`/\${org}/\${props.tenant}/orchestrator_/odata/Assets(\${props.assetId})\`, { headers: { "x-uipath-organizationunitid": props.folderId } });`,
        },
    },
];
