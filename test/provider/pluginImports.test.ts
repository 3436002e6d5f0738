/**
 * `pulumi import` of each kind (`provider/runtime/kinds/imports.ts`) against the emulator,
 * without the engine: what an import id finds, the inputs it hands back, that nothing in the
 * service changes, and the ids it refuses. The engine's part (an application and an asset
 * imported, then a no-change preview) is in test/providerPlugin.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProviderContext } from "../../provider/runtime/context";
import { kindProviders } from "../../provider/runtime/kinds";
import { importResource } from "../../provider/runtime/kinds/imports";
import type { ResourceKindName } from "../../provider/shared/kinds";
import { DEMO, field, withEmulator, type Api } from "../emulator/helpers";

function contextFor(url: string): ProviderContext {
    const config: Record<string, string> = {
        "uipath:baseUrl": url,
        "uipath:duUrl": url,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        "uipath:clientSecret": DEMO.clientSecret,
    };
    return new ProviderContext({
        stackConfig: { get: (k) => config[k] },
        env: {},
        notice: () => {},
        client: { retryBaseMs: 1 },
    });
}

const importing = (context: ProviderContext, kind: ResourceKindName, id: string) =>
    importResource(context, kind, id, () => kindProviders[kind](context));

/** What the service holds now, as an administrator reads it. */
async function adminGet(api: Api, path: string): Promise<Record<string, unknown>> {
    const res = await api.get(path, { token: DEMO.adminPat });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Record<string, unknown>;
}

describe("pulumi import by import id", () => {
    it("OrchestratorApiAccess organization/tenant adopts the user key held now, regenerating nothing", () =>
        withEmulator(async ({ emu, api }) => {
            const held = await api.userKey();
            const imported = await importing(
                contextFor(emu.url),
                "OrchestratorApiAccess",
                `${DEMO.org}/${DEMO.tenant}`,
            );
            assert.equal(imported.id, `${DEMO.org}/${DEMO.tenant}/orchestrator`);
            assert.deepEqual(imported.inputs, { tenant: DEMO.tenant });
            assert.equal(imported.props.userKey, held);
            assert.deepEqual(
                emu.audit().filter((e) => e.mutating && !e.path.includes("connect/token")),
                [],
            );
        }));

    it("DocumentUnderstandingApiKey by its organization adopts the key held now", () =>
        withEmulator(async ({ emu, api }) => {
            const held = field(
                await adminGet(api, `/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`),
                "apiKey",
            );
            const imported = await importing(contextFor(emu.url), "DocumentUnderstandingApiKey", DEMO.org);
            assert.deepEqual(imported.inputs, {});
            assert.equal(imported.props.apiKey, held);
        }));

    it("FederatedCredential organization/clientId/credentialId hands back its fields as inputs", () =>
        withEmulator(async ({ emu, api }) => {
            const issuer = `https://${new URL(api.baseUrl).host}/__emulator/oidc/gh`;
            const res = await api.post(
                `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${DEMO.clientId}/FederatedCredentials`,
                {
                    token: DEMO.adminPat,
                    json: { name: "ci", issuer, audience: "uipath", subject: "repo:a/b:ref:main" },
                },
            );
            assert.equal(res.status, 201);
            const credentialId = field(res.body, "id");
            const imported = await importing(
                contextFor(emu.url),
                "FederatedCredential",
                `${DEMO.org}/${DEMO.clientId}/${credentialId}`,
            );
            assert.equal(imported.id, credentialId);
            assert.deepEqual(imported.inputs, {
                clientId: DEMO.clientId,
                name: "ci",
                issuer,
                audience: "uipath",
                subject: "repo:a/b:ref:main",
            });
        }));

    it("refuses an ExternalApplicationSecret, saying why", () =>
        withEmulator(async ({ emu }) => {
            await assert.rejects(
                importing(contextFor(emu.url), "ExternalApplicationSecret", `${DEMO.org}/${DEMO.clientId}/1`),
                /cannot be imported: UiPath never returns a secret's value/,
            );
        }));

    it("refuses an id of the wrong shape, naming the right one, and another organization", () =>
        withEmulator(async ({ emu }) => {
            const context = contextFor(emu.url);
            await assert.rejects(
                importing(context, "OrchestratorAsset", `${DEMO.org}/${DEMO.tenant}/7`),
                /the import id of a OrchestratorAsset is organization\/tenant\/folderId\/assetId/,
            );
            await assert.rejects(
                importing(context, "ExternalApplication", `other-org/${DEMO.clientId}`),
                /names organization 'other-org', but the provider is configured for 'demo-org'/,
            );
            await assert.rejects(
                importing(context, "ExternalApplication", `${DEMO.org}/no-such-client`),
                /no external application with client id no-such-client/,
            );
        }));
});
