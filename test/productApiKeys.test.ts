/**
 * Document Understanding and Computer Vision keys through the real engine:
 * rotation by `rotateAfter` on a controlled clock, `revokeOnDelete` that never
 * touches a newer key, and two organizations in one stack.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";

const T0 = "2027-01-01T00:00:00.000Z";
const days = (n: number) => new Date(Date.parse(T0) + n * 86_400_000).toISOString();

async function productKey(f: Fixture, product: "documentUnderstanding" | "computerVision", org: string = DEMO.org, pat: string = DEMO.adminPat): Promise<string> {
    const res = await f.api.request("GET", `/${org}/portal_/api/apiAccess/${product}`, { token: pat });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { apiKey: string }).apiKey;
}

async function duKeyWorks(f: Fixture, key: string, org: string = DEMO.org): Promise<boolean> {
    return (await f.api.request("GET", `/${org}/du_/api/framework/projects`, { headers: { "X-UIPATH-License": key } })).status === 200;
}

const mutating = (f: Fixture, from: number) => f.emulator.audit().slice(from).filter((e) => e.mutating);

describe("DocumentUnderstandingApiKey with rotateAfter", { timeout: 600_000 }, () => {
    let f: Fixture;
    const program = `
import { DocumentUnderstandingApiKey, ComputerVisionApiKey } from "pulumi-uipath-keys";
const du = new DocumentUnderstandingApiKey("du", { rotateAfter: "30d", verify: true });
const cv = new ComputerVisionApiKey("cv", {});
export const duKey = du.apiKey;
export const duDueAt = du.rotationDueAt;
export const cvKey = cv.apiKey;
`;
    before(async () => {
        f = await withKeysStack(program);
    });
    after(() => f?.dispose());

    it("adopts both keys and verifies the Document Understanding key", async () => {
        await f.stack.up({ env: { UIPATH_KEYS_NOW: T0 } });
        const outputs = await f.stack.outputs();
        assert.equal(outputs.duKey, await productKey(f, "documentUnderstanding"));
        assert.equal(outputs.cvKey, await productKey(f, "computerVision"));
        assert.equal(outputs.duDueAt, days(30));
        assert.ok(f.emulator.audit().some((e) => e.path.endsWith("/du_/api/framework/projects") && e.status === 200), "verify called the product");
    });

    it("is not due before the period has passed", async () => {
        const from = f.emulator.audit().length;
        const { output } = await f.stack.preview({ env: { UIPATH_KEYS_NOW: days(29) } });
        assert.doesNotMatch(output, /replace/);
        await f.stack.up({ env: { UIPATH_KEYS_NOW: days(29) } });
        assert.deepEqual(mutating(f, from), []);
    });

    it("is replaced once the period has passed: regenerated once, the old key fails at once", async () => {
        const oldKey = await productKey(f, "documentUnderstanding");
        const preview = await f.stack.preview({ env: { UIPATH_KEYS_NOW: days(31) } });
        assert.match(preview.output, /\+-\s*pulumi-nodejs:dynamic\/uipath:DocumentUnderstandingApiKey: \(replace\)/);
        assert.doesNotMatch(preview.output, /ComputerVisionApiKey: \(replace\)/);
        const from = f.emulator.audit().length;
        await f.stack.up({ env: { UIPATH_KEYS_NOW: days(31) } });
        const calls = mutating(f, from);
        assert.equal(calls.length, 1);
        assert.match(calls[0]?.path ?? "", /documentUnderstanding\/regenerate$/);
        const outputs = await f.stack.outputs();
        assert.notEqual(outputs.duKey, oldKey);
        assert.equal(outputs.duKey, await productKey(f, "documentUnderstanding"));
        assert.equal(outputs.duDueAt, days(61), "the period restarts from the rotation");
        assert.equal(await duKeyWorks(f, oldKey), false);
        assert.equal(await duKeyWorks(f, String(outputs.duKey)), true);
    });
});

describe("revokeOnDelete", { timeout: 600_000 }, () => {
    let f: Fixture;
    const program = (trigger: string, withKey = true) => `
import { ComputerVisionApiKey } from "pulumi-uipath-keys";
${withKey ? `const cv = new ComputerVisionApiKey("cv", { rotationTrigger: ${JSON.stringify(trigger)}, revokeOnDelete: true });\nexport const cvKey = cv.apiKey;` : ""}
`;
    before(async () => {
        f = await withKeysStack(program("a"));
        await f.stack.up();
    });
    after(() => f?.dispose());

    it("a rotation's replacement does not revoke the new key when it deletes the old resource", async () => {
        f.stack.writeProgram(program("b"));
        const from = f.emulator.audit().length;
        await f.stack.up();
        assert.equal(mutating(f, from).length, 1, "only the rotation itself regenerates");
        assert.equal((await f.stack.outputs()).cvKey, await productKey(f, "computerVision"), "the new key is still current");
    });

    it("deleting the resource regenerates the key it holds", async () => {
        const held = await productKey(f, "computerVision");
        f.stack.writeProgram(program("b", false));
        const from = f.emulator.audit().length;
        await f.stack.up();
        assert.equal(mutating(f, from).length, 1);
        assert.notEqual(await productKey(f, "computerVision"), held);
    });
});

describe("two organizations in one stack", { timeout: 600_000 }, () => {
    let f: Fixture;
    const program = `
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";
const config = new pulumi.Config("second");
const main = new DocumentUnderstandingApiKey("main-org", {});
const second = new DocumentUnderstandingApiKey("second-org", {
    connection: { baseUrl: config.require("baseUrl"), organization: "retired-org", clientId: "retired-client", clientSecret: config.requireSecret("clientSecret") },
});
export const mainKey = main.apiKey;
export const secondKey = second.apiKey;
`;
    before(async () => {
        f = await withKeysStack("");
        await f.stack.pulumi(["config", "set", "second:baseUrl", f.emulator.url]);
        await f.stack.setSecretConfig("second:clientSecret", "retired-secret");
        f.stack.writeProgram(program);
    });
    after(() => f?.dispose());

    it("fetches each organization's key with its own connection, stored encrypted", async () => {
        const { output } = await f.stack.up();
        const outputs = await f.stack.outputs();
        assert.equal(outputs.mainKey, await productKey(f, "documentUnderstanding"));
        assert.equal(outputs.secondKey, await productKey(f, "documentUnderstanding", "retired-org", "demo-pat-retired-admin"));
        assert.notEqual(outputs.mainKey, outputs.secondKey);
        const { text, resources } = await f.stack.exportState();
        for (const secret of ["retired-secret", String(outputs.secondKey), String(outputs.mainKey)]) {
            assert.ok(!text.includes(secret), "secret in plaintext in state");
            assert.ok(!output.includes(secret), "secret in CLI output");
        }
        assert.equal(resources.find((r) => r.urn.endsWith("::second-org"))?.id, "retired-org/documentUnderstanding");
        // Refresh and destroy run from state alone: the per-resource connection must be there.
        await f.stack.refresh();
        await f.stack.destroy();
    });
});
