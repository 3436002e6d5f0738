/**
 * What a user sees when something is wrong, through the real engine: bad input is refused
 * before any API call, naming the field and what is expected; service refusals become one
 * actionable line without secrets. Each test has its own emulator and stack.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";
import { auditMark, callsSince, heldUserKey, injectFaults, mutatingCallsSince } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const access = (args: string) => `
import { OrchestratorApiAccess } from "pulumi-uipath-keys";
const a = new OrchestratorApiAccess("orchestrator", ${args});
export const key = a.userKey;
`;

const valid = access(`{ tenant: "DefaultTenant" }`);
const opts = { timeout: SCENARIO_TIMEOUT_MS };

/** Writes `program`, runs an up that must fail, checks no known secret is in what it printed, returns the output. */
async function failingUp(f: Fixture, program: string, env: Record<string, string> = {}): Promise<string> {
    f.stack.writeProgram(program);
    const result = await f.stack.up({ allowFailure: true, env });
    assert.notEqual(result.code, 0, `expected the update to fail:\n${result.output}`);
    for (const secret of f.secrets())
        assert.ok(!result.output.includes(secret.value), `${secret.what} is in the error output`);
    return result.output;
}

it("bad inputs are refused before any API call, each naming the field and what is expected", opts, () =>
    withKeysStack(valid, async (f) => {
        const mark = auditMark(f);
        const output = await failingUp(
            f,
            access(`{ tenant: "not a tenant!", rotateAfter: "soon", revokeOnDelete: "yes" as unknown as boolean }`),
        );
        assert.match(
            output,
            /property tenant value \{not a tenant!\} has a problem: expected the tenant's logical name/,
        );
        assert.match(output, /property rotateAfter value \{soon\} has a problem: expected a period such as 90d/);
        assert.match(output, /property revokeOnDelete value \{yes\} has a problem: .*boolean/i);
        assert.deepEqual(callsSince(f, mark), [], "no API call was made");
    }),
);

it("inputs still unknown during preview pass the checks; the up then uses their values", opts, () =>
    withKeysStack(
        `
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";
// Its output is unknown until it is created, as a secret from another provider would be.
const later: pulumi.dynamic.ResourceProvider = {
    async create(inputs: { value: string }) { return { id: "later", outs: { value: inputs.value } }; },
};
class Later extends pulumi.dynamic.Resource {
    declare readonly value: pulumi.Output<string>;
    // The input is a secret too: it stands for a client secret, which must not show in the preview.
    constructor(name: string, value: string) { super(later, name, { value: pulumi.secret(value) }, { additionalSecretOutputs: ["value"] }, "test", "Later"); }
}
const secret = new Later("secret-from-elsewhere", "retired-secret");
const tenantName = new Later("tenant-from-elsewhere", "DefaultTenant");
const du = new DocumentUnderstandingApiKey("du-second-org", {
    connection: { organization: "retired-org", clientId: "retired-client", clientSecret: secret.value },
    rotationTrigger: tenantName.value,
});
export const key = du.apiKey;
`,
        async (f) => {
            await step("preview shows the create", async () => {
                const preview = await f.stack.preview();
                assert.match(
                    preview.output,
                    /\+ pulumi-nodejs:dynamic\/uipath:DocumentUnderstandingApiKey: \(create\)/,
                );
            });
            await step("up creates it with the resolved values", async () => {
                await f.stack.up();
                assert.equal(
                    resourceNamed((await f.stack.exportState()).resources, "du-second-org").id,
                    "retired-org/documentUnderstanding",
                );
            });
            await step("destroy succeeds", () => f.stack.destroy());
        },
    ),
);

it("a misspelled input is named", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(f, access(`{ tenant: "DefaultTenant", rotationTriger: "x" } as never`));
        assert.match(
            output,
            /property rotationTriger value \{x\} has a problem: unknown input; did you mean rotationTrigger\?/,
        );
    }),
);

it("a missing organization says where to set it", opts, () =>
    withKeysStack(valid, async (f) => {
        await f.stack.pulumi(["config", "rm", "uipath:organization"]);
        const output = await failingUp(f, valid);
        assert.match(output, /uipath:organization/);
    }),
);

it("an unknown tenant is named as such", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(f, access(`{ tenant: "NoSuchTenant" }`));
        assert.match(
            output,
            /does not exist in organization 'demo-org' \(404, errorCode 1002\).*\(UiPath said: Tenant 'NoSuchTenant' does not exist/,
        );
    }),
);

it("a user who is not an Organization Administrator is told so", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(
            f,
            `
import { DocumentUnderstandingApiKey } from "pulumi-uipath-keys";
new DocumentUnderstandingApiKey("du", { connection: { organization: "demo-org", accessToken: process.env.VIEWER_PAT } });
`,
            { VIEWER_PAT: DEMO.viewerPat },
        );
        assert.match(
            output,
            /refused this call for organization 'demo-org' \(403\) \(UiPath said: Only an Organization Administrator can/,
        );
    }),
);

it("a directory-integration organization is told to use an external application", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(
            f,
            access(
                `{ tenant: "DefaultTenant", connection: { organization: "aad-org", clientId: "aad-client", clientSecret: "aad-secret" } }`,
            ),
        );
        assert.match(output, /directory integration \(Azure AD\).*external application/);
        assert.ok(!output.includes("aad-secret"));
    }),
);

it("an organization where user-key access is retired says so and what to use instead", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(
            f,
            access(
                `{ tenant: "DefaultTenant", connection: { organization: "retired-org", clientId: "retired-client", clientSecret: "retired-secret" } }`,
            ),
        );
        assert.match(output, /retired Orchestrator user-key \(API key\) authentication/);
        assert.match(output, /external application/);
        assert.ok(!output.includes("retired-secret"));
    }),
);

it("a rotated key that fails verification is still recorded, so the next run does not rotate again", opts, () => {
    const program = (trigger: string) =>
        access(`{ tenant: "DefaultTenant", verify: true, rotationTrigger: "${trigger}" }`);
    return withKeysStack(program("v1"), async (f) => {
        await step("create with verification", () => f.stack.up());

        const newKey = await step(
            "a rotation whose verification fails regenerates once and fails the run, naming the key by fingerprint",
            async () => {
                // The next token exchange is refused: verification of the new key fails.
                await injectFaults(f, [{ method: "POST", path: "^/oauth/token$", status: 400, count: 1 }]);
                const mark = auditMark(f);
                const output = await failingUp(f, program("v2"));
                assert.match(
                    output,
                    /verify: the userKey of demo-org\/DefaultTenant\/orchestrator \(fingerprint [0-9a-f]{16}\) did not work when tried/,
                );
                assert.equal(mutatingCallsSince(f, mark).length, 1, "rotated once");
                return heldUserKey(f);
            },
        );

        await step("the rotated key is in state, encrypted", async () => {
            const { text, resources } = await f.stack.exportState();
            assert.ok(!text.includes(newKey), "the recorded key is encrypted");
            assert.equal(
                resourceNamed(resources, "orchestrator").outputs?.rotationTrigger,
                "v2",
                "the rotated key is in state",
            );
        });

        await step("the next up does not rotate again and hands out the rotated key", async () => {
            const mark = auditMark(f);
            await f.stack.up();
            assert.equal(mutatingCallsSince(f, mark).length, 0, "no second rotation");
            assert.equal((await f.stack.outputs()).key, newKey);
        });
    });
});

it("wrong client credentials are reported as such", opts, () =>
    withKeysStack(valid, async (f) => {
        const wrongSecret = "wrong-secret";
        f.addSecret(wrongSecret, "the wrong client secret the test configured");
        await f.stack.setSecretConfig("uipath:clientSecret", wrongSecret);
        const output = await failingUp(f, valid);
        assert.match(output, /rejected the credentials for organization 'demo-org'/);
        assert.ok(!output.includes(wrongSecret));
    }),
);
