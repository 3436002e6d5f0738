/**
 * What a user sees when something is wrong, through the real engine: bad
 * input is refused before any API call, naming the field and what is
 * expected; service refusals become one actionable line without secrets.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";

const access = (args: string) => `
import { OrchestratorApiAccess } from "pulumi-uipath-keys";
const a = new OrchestratorApiAccess("orchestrator", ${args});
export const key = a.userKey;
`;

describe("errors a user sees", { timeout: 600_000 }, () => {
    let f: Fixture;
    before(async () => {
        f = await withKeysStack(access(`{ tenant: "DefaultTenant" }`));
    });
    after(() => f?.dispose());

    async function failingUp(program: string, env: Record<string, string> = {}): Promise<string> {
        f.stack.writeProgram(program);
        const result = await f.stack.up({ allowFailure: true, env });
        assert.notEqual(result.code, 0, `expected the update to fail:\n${result.output}`);
        for (const secret of [DEMO.clientSecret, DEMO.adminPat, DEMO.viewerPat]) assert.ok(!result.output.includes(secret), "a secret in the error output");
        return result.output;
    }

    it("bad inputs are refused before any API call, each naming the field and what is expected", async () => {
        const from = f.emulator.audit().length;
        const output = await failingUp(access(`{ tenant: "not a tenant!", rotateAfter: "soon", revokeOnDelete: "yes" as unknown as boolean }`));
        assert.match(output, /tenant: expected the tenant's logical name/);
        assert.match(output, /rotateAfter: expected a period such as 90d/);
        assert.match(output, /revokeOnDelete: .*boolean/i);
        assert.deepEqual(f.emulator.audit().slice(from), [], "no API call was made");
    });

    it("inputs still unknown during preview pass the checks; the up then uses their values", async () => {
        f.stack.writeProgram(`
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";
// Its output is unknown until it is created, as a secret from another provider would be.
const later: pulumi.dynamic.ResourceProvider = {
    async create(inputs: { value: string }) { return { id: "later", outs: { value: inputs.value } }; },
};
class Later extends pulumi.dynamic.Resource {
    declare readonly value: pulumi.Output<string>;
    constructor(name: string, value: string) { super(later, name, { value }, { additionalSecretOutputs: ["value"] }, "test", "Later"); }
}
const secret = new Later("secret-from-elsewhere", "retired-secret");
const tenantName = new Later("tenant-from-elsewhere", "DefaultTenant");
const du = new DocumentUnderstandingApiKey("du-second-org", {
    connection: { organization: "retired-org", clientId: "retired-client", clientSecret: secret.value },
    rotationTrigger: tenantName.value,
});
export const key = du.apiKey;
`);
        const preview = await f.stack.preview();
        assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/uipath:DocumentUnderstandingApiKey: \(create\)/);
        await f.stack.up();
        const { resources } = await f.stack.exportState();
        assert.equal(resources.find((r) => r.urn.endsWith("::du-second-org"))?.id, "retired-org/documentUnderstanding");
        await f.stack.destroy();
    });

    it("a misspelled input is named", async () => {
        const output = await failingUp(access(`{ tenant: "DefaultTenant", rotationTriger: "x" } as never`));
        assert.match(output, /unknown input\(s\) rotationTriger/);
    });

    it("a missing organization says where to set it", async () => {
        await f.stack.pulumi(["config", "rm", "uipath:organization"]);
        try {
            const output = await failingUp(access(`{ tenant: "DefaultTenant" }`));
            assert.match(output, /uipath:organization/);
        } finally {
            await f.stack.pulumi(["config", "set", "uipath:organization", DEMO.org]);
        }
    });

    it("an unknown tenant is named as such", async () => {
        const output = await failingUp(access(`{ tenant: "NoSuchTenant" }`));
        assert.match(output, /no such tenant in organization 'demo-org'/);
    });

    it("a user who is not an Organization Administrator is told so", async () => {
        const output = await failingUp(
            `
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";
new DocumentUnderstandingApiKey("du", { connection: { organization: "demo-org", accessToken: process.env.VIEWER_PAT } });
`,
            { VIEWER_PAT: DEMO.viewerPat },
        );
        assert.match(output, /needs an Organization Administrator/);
    });

    it("a directory-integration organization is told to use an external application", async () => {
        const output = await failingUp(access(`{ tenant: "DefaultTenant", connection: { organization: "aad-org", clientId: "aad-client", clientSecret: "aad-secret" } }`));
        assert.match(output, /directory integration \(Azure AD\).*external application/);
        assert.ok(!output.includes("aad-secret"));
    });

    it("an organization where user-key access is retired says so and what to use instead", async () => {
        const output = await failingUp(access(`{ tenant: "DefaultTenant", connection: { organization: "retired-org", clientId: "retired-client", clientSecret: "retired-secret" } }`));
        assert.match(output, /retired Orchestrator user-key \(API key\) authentication/);
        assert.match(output, /external application/);
        assert.ok(!output.includes("retired-secret"));
    });

    it("a rotated key that fails verification is still recorded, so the next run does not rotate again", async () => {
        const program = (trigger: string) => access(`{ tenant: "DefaultTenant", verify: true, rotationTrigger: "${trigger}" }`);
        f.stack.writeProgram(program("v1"));
        await f.stack.up();
        f.stack.writeProgram(program("v2"));
        await f.api.request("PUT", "/__emulator/faults", { json: { faults: [{ method: "POST", path: "^/oauth/token$", status: 400, count: 1 }] } });
        const from = f.emulator.audit().length;
        const output = await failingUp(program("v2"));
        assert.match(output, /verify: the userKey of demo-org\/DefaultTenant\/orchestrator \(fingerprint [0-9a-f]{16}\) did not work when tried/);
        assert.equal(f.emulator.audit().slice(from).filter((e) => e.mutating).length, 1, "rotated once");

        const current = await f.api.request("GET", `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator`, { token: DEMO.adminPat });
        const newKey = (current.body as { userKey: string }).userKey;
        const { text, resources } = await f.stack.exportState();
        assert.ok(!text.includes(newKey), "the recorded key is encrypted");
        const recorded = resources.find((r) => r.urn.endsWith("::orchestrator"));
        assert.equal(recorded?.outputs?.rotationTrigger, "v2", "the rotated key is in state");

        const retryFrom = f.emulator.audit().length;
        await f.stack.up();
        assert.equal(f.emulator.audit().slice(retryFrom).filter((e) => e.mutating).length, 0, "no second rotation");
        assert.equal((await f.stack.outputs()).key, newKey);
    });

    it("wrong client credentials are reported as such", async () => {
        await f.stack.setSecretConfig("uipath:clientSecret", "wrong-secret");
        try {
            const output = await failingUp(access(`{ tenant: "DefaultTenant" }`));
            assert.match(output, /rejected the credentials for organization 'demo-org'/);
            assert.ok(!output.includes("wrong-secret"));
        } finally {
            await f.stack.setSecretConfig("uipath:clientSecret", DEMO.clientSecret);
        }
    });
});
