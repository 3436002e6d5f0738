/**
 * The README's "Scopes each resource needs" against the calls each resource really makes: every
 * scope set the table allows runs the resource's whole lifecycle (preview check, create, refresh,
 * update or two rotations, delete) against the emulator, and every such set less one scope is
 * refused with a PermissionError. The emulator's scope rules (emulator/permissions.ts,
 * handlers/orchestratorAssets.ts) decide each call; the audit log shows the lifecycle was whole.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { startEmulator, type Emulator, type SeedConfig } from "../../emulator";
import { DEMO_ORG_ID } from "../../emulator/config";
import { ProviderContext } from "../../provider/runtime/context";
import { PermissionError } from "../../provider/runtime/reporting/errors";
import { externalApplicationProvider } from "../../provider/runtime/kinds/externalApplication";
import { externalApplicationSecretProvider } from "../../provider/runtime/kinds/externalApplicationSecret";
import { federatedCredentialProvider } from "../../provider/runtime/kinds/federatedCredential";
import { orchestratorAssetProvider } from "../../provider/runtime/kinds/orchestratorAsset";

const README = path.join(__dirname, "..", "..", "README.md");
const ORG = "demo-org";
/** The application whose secrets the ExternalApplicationSecret lifecycle manages. */
const TARGET_APP = "target-app";

type Resource = "ExternalApplication" | "ExternalApplicationSecret" | "FederatedCredential" | "OrchestratorAsset";

/**
 * The table's cell for a resource, as sets of scopes that each suffice: `(A or B) and (C or D + E)`
 * becomes {A,C}, {A,D,E}, {B,C}, {B,D,E}, without a set that holds another.
 */
function scopeSets(cell: string): string[][] {
    const groups = [...cell.matchAll(/\(([^)]*)\)/g)].map((m) =>
        (m[1] ?? "")
            .split(/\s+or\s+/)
            .map((alt) => alt.split(/\s*\+\s*/).map((scope) => scope.replace(/`/g, "").trim())),
    );
    assert.ok(groups.length > 0, `no (… or …) groups in '${cell}'`);
    let sets: string[][] = [[]];
    for (const alternatives of groups)
        sets = sets.flatMap((set) => alternatives.map((alt) => [...new Set([...set, ...alt])].sort()));
    const minimal = sets.filter(
        (set, i) =>
            !sets.some((other, j) => j !== i && other.length < set.length && other.every((s) => set.includes(s))),
    );
    return [...new Map(minimal.map((set) => [set.join(" "), set])).values()];
}

/** The README's scopes table: resource → its cell. */
function readmeScopes(): Map<Resource, string> {
    const readme = fs.readFileSync(README, "utf8");
    const table = readme.split("**Scopes each resource needs**")[1];
    assert.ok(table, "the README has its scopes table");
    const rows = new Map<Resource, string>();
    for (const line of table.split("\n")) {
        const m =
            /^\| `(ExternalApplication|ExternalApplicationSecret|FederatedCredential|OrchestratorAsset)` \| ([^|]+) \|/.exec(
                line,
            );
        if (m) rows.set(m[1] as Resource, (m[2] ?? "").trim());
        else if (rows.size > 0 && !line.startsWith("|")) break;
    }
    assert.deepEqual([...rows.keys()].sort(), [
        "ExternalApplication",
        "ExternalApplicationSecret",
        "FederatedCredential",
        "OrchestratorAsset",
    ]);
    return rows;
}

/** An org whose apps hold exactly the scope sets to try, one app each, plus the app whose secrets are managed. */
function seedFor(sets: readonly string[][]): SeedConfig {
    return {
        organizations: [
            {
                name: ORG,
                id: DEMO_ORG_ID,
                tenants: [{ name: "DefaultTenant", services: ["orchestrator"], folders: ["Shared"] }],
                externalApps: [
                    { id: TARGET_APP, name: "Target", secret: "target-secret-value", scopes: ["OR.Jobs.Read"] },
                    ...sets.map((scopes, i) => ({
                        id: `scopes-${i}`,
                        name: `Scopes ${i}`,
                        secret: `scopes-secret-${i}`,
                        scopes,
                    })),
                ],
            },
        ],
    };
}

function contextFor(emu: Emulator, app: number): ProviderContext {
    const config: Record<string, string> = {
        "uipath:baseUrl": emu.url,
        "uipath:organization": ORG,
        "uipath:clientId": `scopes-${app}`,
        "uipath:clientSecret": `scopes-secret-${app}`,
    };
    return new ProviderContext({
        stackConfig: { get: (k) => config[k] },
        clock: { now: () => emu.clock.now() },
        env: {},
        notice: () => undefined,
        client: { retryBaseMs: 1 },
    });
}

/** Pulumi's result types leave outputs optional; these providers always return them. */
function must<T>(value: T | undefined): T {
    assert.ok(value !== undefined, "the provider returned no outputs");
    return value;
}

/** Each resource's whole lifecycle through its provider, as the engine drives it. */
const lifecycles: Record<Resource, (context: ProviderContext) => Promise<void>> = {
    async ExternalApplication(context) {
        const p = externalApplicationProvider(context);
        const inputs = { name: "scope check", applicationScopes: ["OR.Jobs.Read"], firstSecret: false };
        // A first preview: the engine has no old inputs.
        const checked = await p.check({} as Parameters<typeof p.check>[0], inputs);
        assert.deepEqual(checked.failures, []);
        const { id, outs } = await p.create(inputs);
        const read = must((await p.read(id, outs)).props);
        const news = { ...inputs, name: "scope check, renamed", applicationScopes: ["OR.Jobs.Read", "OR.Queues"] };
        const updated = must((await p.update(id, read, news)).outs);
        await p.delete(id, updated);
    },
    async ExternalApplicationSecret(context) {
        const p = externalApplicationSecretProvider(context);
        const inputs = { clientId: TARGET_APP, secretTag: "0123456789abcdef", rotationTrigger: "a" };
        const { id, outs } = await p.create(inputs);
        const read = must((await p.read(id, outs)).props);
        // Two rotations: the second retires the secret the first kept as previous.
        const once = must((await p.update(id, read, { ...inputs, rotationTrigger: "b" })).outs);
        // As if the first rotation was a day ago: the overlap guard refuses to retire a previous secret superseded the same UTC day.
        const dayOld = { ...once, rotatedAt: new Date(Date.parse(once.rotatedAt) - 86_400_000).toISOString() };
        const twice = must((await p.update(id, dayOld, { ...inputs, rotationTrigger: "c" })).outs);
        await p.delete(id, twice);
    },
    async FederatedCredential(context) {
        const p = federatedCredentialProvider(context);
        const host = new URL(context.stackConfig.get("uipath:baseUrl")!).host;
        const inputs = {
            clientId: TARGET_APP,
            name: "scope check",
            issuer: `https://${host}/__emulator/oidc/scopes`,
            audience: "a",
            subject: "s",
        };
        const checked = await p.check({} as Parameters<typeof p.check>[0], inputs);
        assert.deepEqual(checked.failures, []);
        const { id, outs } = await p.create(inputs);
        const read = must((await p.read(id, outs)).props);
        const updated = must((await p.update(id, read, { ...inputs, subject: "t" })).outs);
        await p.delete(id, updated);
    },
    async OrchestratorAsset(context) {
        const p = orchestratorAssetProvider(context);
        const inputs = {
            tenant: "DefaultTenant",
            folder: "Shared",
            name: "ScopeCheck",
            valueType: "Text" as const,
            value: "a",
        };
        const { id, outs } = await p.create(inputs);
        const read = must((await p.read(id, outs)).props);
        const updated = must((await p.update(id, read, { ...inputs, value: "b" })).outs);
        await p.delete(id, updated);
    },
};

/** The (method, route) pairs a whole lifecycle must have made, so a set that "works" is not one that skipped calls. */
const expectedCalls: Record<Resource, RegExp[]> = {
    ExternalApplication: [
        /^GET \/demo-org\/identity_\/api\/ExternalApiResource$/,
        /^POST \/demo-org\/identity_\/api\/ExternalClient$/,
        // read (refresh) takes the app from the organization's listing.
        /^GET .*\/ExternalClient\/[^/]+$/,
        /^PUT .*\/ExternalClient\//,
        /^DELETE .*\/secrets\/\d+$/,
        /^DELETE .*\/ExternalClient\/[^/]+\/[^/]+$/,
    ],
    ExternalApplicationSecret: [
        /^GET .*\/ExternalClient\/[^/]+\/target-app$/,
        /^POST .*\/ExternalClient\/GenerateSecret$/,
        /^DELETE .*\/secrets\/\d+$/,
    ],
    FederatedCredential: [
        /^GET .*\/target-app\/FederatedCredentials$/,
        /^POST .*\/target-app\/FederatedCredentials$/,
        /^GET .*\/target-app\/FederatedCredentials\/[^/]+$/,
        /^PUT .*\/target-app\/FederatedCredentials\/[^/]+$/,
        /^DELETE .*\/target-app\/FederatedCredentials\/[^/]+$/,
    ],
    OrchestratorAsset: [
        /^GET .*\/odata\/Folders$/,
        /^GET .*\/Assets\/UiPath\.Server\.Configuration\.OData\.GetFiltered$/,
        /^POST .*\/odata\/Assets$/,
        /^GET .*\/odata\/Assets\(\d+\)$/,
        /^PUT .*\/odata\/Assets\(\d+\)$/,
        /^DELETE .*\/odata\/Assets\(\d+\)$/,
    ],
};

describe("README scopes table", () => {
    it("reads as sets of scopes", () => {
        assert.deepEqual(scopeSets("(`A` or `B`) and (`C` or `D` + `E`)"), [
            ["A", "C"],
            ["A", "D", "E"],
            ["B", "C"],
            ["B", "D", "E"],
        ]);
        assert.deepEqual(scopeSets("(`R` or `P`) and (`W` or `P`)"), [["R", "W"], ["P"]]);
    });

    for (const [resource, cell] of readmeScopes()) {
        it(`${resource}: each listed set runs the whole lifecycle, and each set less one scope is refused`, async () => {
            const sets = scopeSets(cell);
            const reduced = sets.flatMap((set) =>
                set
                    .map((drop) => set.filter((s) => s !== drop))
                    // A smaller set the table also allows is not a claim that the scope is needed.
                    .filter((less) => !sets.some((allowed) => allowed.every((s) => less.includes(s)))),
            );
            const emu = await startEmulator({ config: seedFor([...sets, ...reduced]) });
            try {
                for (const [i, set] of sets.entries()) {
                    const before = emu.audit().length;
                    await assert.doesNotReject(
                        lifecycles[resource](contextFor(emu, i)),
                        `${resource} with ${set.join(" + ")}`,
                    );
                    const calls = emu
                        .audit()
                        .slice(before)
                        .map((e) => `${e.method} ${e.path}`);
                    for (const call of expectedCalls[resource])
                        assert.ok(
                            calls.some((c) => call.test(c)),
                            `${resource} with ${set.join(" + ")} never called ${call}: ${calls.join(", ")}`,
                        );
                    assert.ok(
                        emu
                            .audit()
                            .slice(before)
                            .every((e) => e.status < 400),
                        `${resource} with ${set.join(" + ")}: a call was refused`,
                    );
                }
                for (const [j, set] of reduced.entries()) {
                    await assert.rejects(
                        lifecycles[resource](contextFor(emu, sets.length + j)),
                        PermissionError,
                        `${resource} with only ${set.join(" + ") || "no scope"} should be refused`,
                    );
                }
            } finally {
                await emu.close();
            }
        });
    }
});
