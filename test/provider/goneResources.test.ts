/**
 * A resource deleted outside Pulumi, as every kind's `read` (refresh) meets it: one convention
 * (Pulumi's blank id, which makes the engine drop the resource) and one notice line, prefixed
 * `uipath: `, naming what is gone. The key kinds' case is in keyLifecycle.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ProviderContext } from "../../provider/runtime/context";
import { externalApplicationProvider } from "../../provider/runtime/kinds/externalApplication";
import { externalApplicationSecretProvider } from "../../provider/runtime/kinds/externalApplicationSecret";
import { orchestratorAssetProvider } from "../../provider/runtime/kinds/orchestratorAsset";
import { DEMO, withEmulator } from "../emulator/helpers";
import { demoContext } from "../helpers/demoContext";

const APPS = `/${DEMO.org}/identity_/api/ExternalClient`;
const OR = `/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata`;

/** A provider process of its own against the emulator at `url`, its notices collected. */
const contextFor = (url: string, notices: string[]): ProviderContext => demoContext(url, { notices });

describe("read of a resource deleted outside Pulumi", () => {
    it("OrchestratorAsset: a blank id and one notice naming the asset", () =>
        withEmulator(async ({ emu, api }) => {
            const notices: string[] = [];
            const provider = orchestratorAssetProvider(contextFor(emu.url, notices));
            const created = await provider.create({
                tenant: DEMO.tenant,
                folder: "Shared",
                name: "Retries",
                valueType: "Integer",
                value: 3,
            });
            const outs = created.outs;
            assert.ok(outs);
            const res = await api.delete(`${OR}/Assets(${outs.assetId})`, {
                token: DEMO.adminPat,
                headers: { "X-UIPATH-FolderPath": "Shared" },
            });
            assert.equal(res.status, 204);
            assert.deepEqual(await provider.read(created.id, outs), { id: "" });
            assert.deepEqual(notices, [
                `uipath: OrchestratorAsset 'Retries' (id ${outs.assetId}) no longer exists in folder 'Shared' of tenant '${DEMO.tenant}' (deleted outside Pulumi): removed from state; the next \`pulumi up\` creates it again.`,
            ]);
        }));

    it("ExternalApplication and its ExternalApplicationSecret: a blank id each, one notice each", () =>
        withEmulator(async ({ emu, api }) => {
            const notices: string[] = [];
            const context = contextFor(emu.url, notices);
            const apps = externalApplicationProvider(context);
            const secrets = externalApplicationSecretProvider(context);
            const app = await apps.create({ name: "ci", applicationScopes: ["OR.Jobs.Read"] });
            const secret = await secrets.create({ clientId: app.id, secretTag: "0123456789abcdef" });
            const res = await api.delete(`${APPS}/${DEMO.pg}/${app.id}`, { token: DEMO.adminPat });
            assert.ok(res.status < 300, `deleted by hand: ${res.status}`);
            notices.length = 0;
            assert.deepEqual(await apps.read(app.id, app.outs), { id: "" });
            assert.deepEqual(await secrets.read(secret.id, secret.outs), { id: "" });
            assert.equal(notices.length, 2);
            assert.match(
                notices[0] ?? "",
                new RegExp(
                    `^uipath: ExternalApplication 'ci' \\(client id ${app.id}\\) no longer exists in organization '${DEMO.org}': removed from state`,
                ),
            );
            assert.match(
                notices[1] ?? "",
                new RegExp(
                    `^uipath: ExternalApplicationSecret ${app.id}/0123456789abcdef: external application ${app.id} no longer exists, and its secrets with it: removed from state`,
                ),
            );
            assert.ok(!notices.join("\n").includes(String(secret.outs?.secret)), "never the secret itself");
        }));
});
