/**
 * The shipped policy pack (`policy-pack/`, `pulumi-uipath-keys/policy`) through the real CLI:
 * `pulumi preview --policy-pack` against the emulator. One stack breaks every rule at once, one
 * keeps them all; `--policy-pack-config` variants make the rules advisory or disabled, and bad
 * settings are refused in one line.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { withKeysStack } from "./helpers/fixture";
import { installPolicyPack, writePolicyConfig } from "./helpers/policyPack";
import { programSource } from "./helpers/programs";
import type { TestStack } from "./helpers/stack";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const allowedScopes = ["OR.Jobs.Read"];

/** `pulumi preview --policy-pack <the pack> --policy-pack-config <config>`; outputs are not printed (one holds a key in plain text). */
function previewWithPack(stack: TestStack, pack: string, config: string) {
    return stack.preview({
        allowFailure: true,
        args: ["--policy-pack", pack, "--policy-pack-config", config, "--suppress-outputs"],
    });
}

/** The CLI's line for one violation (as `preview --diff` prints it): pack, level, rule, then the resource. */
function violation(level: "mandatory" | "advisory", rule: string, type: string, name: string): string {
    return `uipath-keys@v0.1.0 [${level}]  ${rule}  (${type}: ${name})`;
}

const t = (kind: string): string => `pulumi-nodejs:dynamic/uipath:${kind}`;

/** Every violation the violating program has, with the policy's message. */
function expectedViolations(level: "mandatory" | "advisory"): [string, string][] {
    return [
        [
            violation(level, "uipath-rotation-max-age", t("OrchestratorApiAccess"), "api-access"),
            "OrchestratorApiAccess 'api-access' never rotates on its own: set rotateAfter to at most 90d.",
        ],
        [
            violation(level, "uipath-rotation-max-age", t("DocumentUnderstandingApiKey"), "du-key"),
            "DocumentUnderstandingApiKey 'du-key' rotates only every rotateAfter 180d, longer than the maximum age 90d.",
        ],
        [
            violation(level, "uipath-credential-assets", t("OrchestratorAsset"), "du-key-asset"),
            "OrchestratorAsset 'du-key-asset' is a Text asset holding the credential of DocumentUnderstandingApiKey 'du-key': make it a Secret asset.",
        ],
        [
            violation(level, "uipath-no-plain-secret-outputs", "pulumi:pulumi:Stack", "test-test"),
            "stack output 'leakedUserKey' holds the credential of OrchestratorApiAccess 'api-access' in plain text: export it as a secret.",
        ],
        [
            violation(level, "uipath-verify-on", t("OrchestratorApiAccess"), "api-access"),
            "OrchestratorApiAccess 'api-access' has verify off in stack 'test' (matches /.*/): set verify: true.",
        ],
        [
            violation(level, "uipath-verify-on", t("ExternalApplicationSecret"), "ci-secret"),
            "ExternalApplicationSecret 'ci-secret' has verify off in stack 'test' (matches /.*/): set verify: true.",
        ],
        [
            violation(level, "uipath-scope-allow-list", t("ExternalApplication"), "ci-app"),
            "ExternalApplication 'ci-app' has applicationScopes outside the allow-list: OR.Assets.",
        ],
    ];
}

function assertViolations(output: string, expected: [string, string][]): void {
    for (const [line, message] of expected) {
        assert.ok(output.includes(line), `the CLI names the rule and the resource: ${line}`);
        assert.ok(output.includes(message), `the policy says why: ${message}`);
    }
    const reported = output.match(/uipath-keys@v0\.1\.0 \[\w+\]/g) ?? [];
    assert.equal(reported.length, expected.length, "no other violation");
}

it(
    "a stack that breaks every rule: mandatory fails the preview naming each resource and rule, advisory warns, disabled is silent",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(programSource("policyViolations"), async (f) => {
            const pack = installPolicyPack(f.stack);
            // An output holds a key in plain text: it is never printed, so the transcript's secret scan holds.
            await step("up without the pack", () => f.stack.up({ args: ["--suppress-outputs"] }));

            await step("mandatory (the default): the preview fails with one violation per broken rule", async () => {
                const config = writePolicyConfig(f.stack, "mandatory", {
                    "uipath-scope-allow-list": { allowedScopes },
                });
                const { code, output } = await previewWithPack(f.stack, pack, config);
                assert.notEqual(code, 0);
                assert.match(output, /^error: preview failed$/m);
                // ci-secret rotates every 50 days (expiresAfter 60d less renewBefore 10d) and du-key's API key is exported as a secret: neither is named by those rules.
                assertViolations(output, expectedViolations("mandatory"));
            });

            await step("advisory: the preview succeeds and warns; a disabled policy says nothing", async () => {
                const config = writePolicyConfig(f.stack, "advisory", {
                    "uipath-rotation-max-age": "advisory",
                    "uipath-credential-assets": "advisory",
                    "uipath-no-plain-secret-outputs": "advisory",
                    "uipath-verify-on": "disabled",
                    "uipath-scope-allow-list": { enforcementLevel: "advisory", allowedScopes },
                });
                const { code, output } = await previewWithPack(f.stack, pack, config);
                assert.equal(code, 0, output);
                assertViolations(
                    output,
                    expectedViolations("advisory").filter(([line]) => !line.includes("uipath-verify-on")),
                );
            });

            await step("a setting the schema refuses: one line naming the policy and the field", async () => {
                const config = writePolicyConfig(f.stack, "bad-period", {
                    "uipath-rotation-max-age": { maxAge: "90 days" },
                });
                const { code, output } = await previewWithPack(f.stack, pack, config);
                assert.notEqual(code, 0);
                assert.match(
                    output,
                    /^error: validating policy config: uipath-keys 0\.1\.0 {2}uipath-rotation-max-age: maxAge: Does not match pattern '\^\(\[0-9\]\+\[smhdw\]\)\+\$'$/m,
                );
                assert.doesNotMatch(output, /\[mandatory\]/, "no policy ran");
            });

            await step("a misspelt setting: one line naming the policy and the field", async () => {
                const config = writePolicyConfig(f.stack, "misspelt", {
                    "uipath-verify-on": { stackPatern: "^prod" },
                    "uipath-scope-allow-list": { allowedScopes },
                });
                const { code, output } = await previewWithPack(f.stack, pack, config);
                assert.notEqual(code, 0);
                // The CLI's schema has no word on unknown settings; the policy refuses it the first time it runs.
                assert.match(
                    output,
                    /^error: failed to run policy: Error validating resource with policy 'uipath-verify-on' from policy pack 'uipath-keys@v0\.1\.0':\nuipath-verify-on: stackPatern: unknown setting \(settings are stackPattern\)\n/m,
                );
                assert.doesNotMatch(output, /at readConfig/, "no stack trace");
            });
        }),
);

it("a stack that keeps every rule previews without a violation", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(programSource("policyCompliant"), async (f) => {
        const pack = installPolicyPack(f.stack);
        const config = writePolicyConfig(f.stack, "production", {
            "uipath-verify-on": { stackPattern: "^test$" },
            "uipath-scope-allow-list": { allowedScopes },
        });
        await step("up", () => f.stack.up());
        await step("the preview with the pack passes and reports nothing", async () => {
            const { code, output } = await previewWithPack(f.stack, pack, config);
            assert.equal(code, 0, output);
            assert.doesNotMatch(output, /uipath-keys@v0\.1\.0 \[/);
            assert.match(output, /uipath-keys\|local\|.*policy-pack\/analyzer {2}0\.1\.0/, "the pack ran");
        });
    }),
);
