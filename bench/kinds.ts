/**
 * The resource kinds the benchmark measures, one descriptor each. A new kind
 * (external application, secret, asset) is one more entry: how to write its
 * i-th resource in a program, which output dependents consume, and what the
 * emulator must hold so that N of them are N distinct things (one tenant or
 * one organization per resource: the product keys are one per organization).
 */
import type { SeedConfig } from "../emulator";

type OrgSeed = SeedConfig["organizations"][number];

/** Credentials of the external application every benchmark organization holds. */
export const BENCH_APP = { clientId: "bench-client", clientSecret: "bench-client-secret" } as const;
/** The organization the stack's default connection (UIPATH_ORGANIZATION) points at. */
export const BENCH_ORG = "bench";

export interface BenchKind {
    /** The class exported by `pulumi-uipath-keys`. */
    name: string;
    /**
     * A TypeScript expression of the args of resource `i`. In scope: `i`,
     * `trigger(i)` (its rotation trigger) and `env` (process.env). The baseline
     * gets the same args, so both programs have the same shape and inputs.
     */
    args: string;
    /** The output a dependent consumes (the key). */
    keyOutput: string;
    /** The emulator organizations that N resources of this kind need. */
    seed(n: number): OrgSeed[];
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

/** Per-resource connection to organization `bench-<i>`, as a stack managing many organizations writes it. */
const perOrgConnection =
    "connection: { organization: `bench-${i}`, clientId: env.UIPATH_CLIENT_ID, clientSecret: env.UIPATH_CLIENT_SECRET }";

const productKey = (name: string): BenchKind => ({
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
});

export const KINDS: readonly BenchKind[] = [
    {
        name: "OrchestratorApiAccess",
        args: "({ tenant: `t${i}`, rotationTrigger: trigger(i) })",
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
        seed: (n) => [
            benchOrg(BENCH_ORG, {
                tenants: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, services: ["orchestrator"] })),
            }),
        ],
    },
    productKey("DocumentUnderstandingApiKey"),
    productKey("ComputerVisionApiKey"),
    {
        name: "ExternalApplication",
        args: '({ name: `bench-app-${i}`, applicationScopes: ["OR.Assets.Read"] })',
        keyOutput: "secret",
        properties: ["clientId", "organization", "tokenUrl", "secret", "secretId"],
        seed: () => [benchOrg(BENCH_ORG)],
        rotates: false,
    },
    {
        name: "ExternalApplicationSecret",
        args: "({ clientId: `bench-app-${i}`, rotationTrigger: trigger(i) })",
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
        seed: (n) => {
            const org = benchOrg(BENCH_ORG);
            const apps = Array.from({ length: n }, (_, i) => ({
                id: `bench-app-${i}`,
                name: `Bench app ${i}`,
                secret: `bench-app-${i}-first-secret`,
                scopes: ["OR.Assets.Read"],
            }));
            return [{ ...org, externalApps: [...(org.externalApps ?? []), ...apps] }];
        },
    },
    {
        // A "rotation" is a new value: the dependents consume its fingerprint.
        name: "OrchestratorAsset",
        args: '({ tenant: "t0", folder: "Shared", name: `asset-${i}`, valueType: "Text", value: trigger(i) })',
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
        seed: () => [
            benchOrg(BENCH_ORG, { tenants: [{ name: "t0", services: ["orchestrator"], folders: ["Shared"] }] }, [
                "PM.OAuthApp",
                "OR.Assets",
                "OR.Folders.Read",
            ]),
        ],
    },
];
