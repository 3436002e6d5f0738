/**
 * What a user sees when something is wrong, through the real engine: bad input is refused
 * before any API call, naming the field and what is expected; service refusals become one
 * actionable line without secrets. Each test has its own emulator and stack.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO, withKeysStack, type Fixture, type KeysStackOptions } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, heldUserKey, injectFaults, mutatingCallsSince } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** One Orchestrator API access; its tenant, verify, rotationTrigger and connection come from `test:` config. */
const valid = programSource("errors");
const opts = { timeout: SCENARIO_TIMEOUT_MS };

/** Stack config giving the program a per-resource connection to one of the emulator's special organizations. */
function connectionTo(name: "aad" | "retired"): NonNullable<KeysStackOptions["config"]> {
    return {
        "test:organization": `${name}-org`,
        "test:clientId": `${name}-client`,
        // A secret, as a client secret belongs in config.
        "test:clientSecret": { secret: `${name}-secret` },
    };
}

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
        const output = await failingUp(f, programSource("errors.badInputs"));
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
    withKeysStack(programSource("errors.unknownInputs"), async (f) => {
        await step("preview shows the create", async () => {
            const preview = await f.stack.preview();
            assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/uipath:DocumentUnderstandingApiKey: \(create\)/);
        });
        await step("up creates it with the resolved values", async () => {
            await f.stack.up();
            assert.equal(
                resourceNamed((await f.stack.exportState()).resources, "du-second-org").id,
                "retired-org/documentUnderstanding",
            );
        });
        await step("destroy succeeds", () => f.stack.destroy());
    }),
);

it("a misspelled input is named", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(f, programSource("errors.misspelled"));
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
    withKeysStack(valid, { config: { "test:tenant": "NoSuchTenant" } }, async (f) => {
        const output = await failingUp(f, valid);
        assert.match(
            output,
            /does not exist in organization 'demo-org' \(404, errorCode 1002\).*\(UiPath said: Tenant 'NoSuchTenant' does not exist/,
        );
    }),
);

it("a user who is not an Organization Administrator is told so", opts, () =>
    withKeysStack(valid, async (f) => {
        const output = await failingUp(f, programSource("errors.viewer"), { VIEWER_PAT: DEMO.viewerPat });
        assert.match(
            output,
            /refused this call for organization 'demo-org' \(403\) \(UiPath said: Only an Organization Administrator can/,
        );
    }),
);

it("a directory-integration organization is told to use an external application", opts, () =>
    withKeysStack(valid, { config: connectionTo("aad") }, async (f) => {
        const output = await failingUp(f, valid);
        assert.match(output, /directory integration \(Azure AD\).*external application/);
        assert.ok(!output.includes("aad-secret"));
    }),
);

it("an organization where user-key access is retired says so and what to use instead", opts, () =>
    withKeysStack(valid, { config: connectionTo("retired") }, async (f) => {
        const output = await failingUp(f, valid);
        assert.match(output, /retired Orchestrator user-key \(API key\) authentication/);
        assert.match(output, /external application/);
        assert.ok(!output.includes("retired-secret"));
    }),
);

it("a rotated key that fails verification is still recorded, so the next run does not rotate again", opts, () => {
    const config = { "test:verify": "true", "test:rotationTrigger": "v1" };
    return withKeysStack(valid, { config }, async (f) => {
        await step("create with verification", () => f.stack.up());

        const newKey = await step(
            "a rotation whose verification fails regenerates once and fails the run, naming the key by fingerprint",
            async () => {
                // The next token exchange is refused: verification of the new key fails.
                await f.stack.pulumi(["config", "set", "test:rotationTrigger", "v2"]);
                await injectFaults(f, [{ method: "POST", path: "^/oauth/token$", status: 400, count: 1 }]);
                const mark = auditMark(f);
                const output = await failingUp(f, valid);
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
