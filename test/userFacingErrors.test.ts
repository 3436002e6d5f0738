/**
 * What a user sees when something fails, through the real engine: every failure is one
 * line, shown once, with no stack and no path of this machine, whichever operation raised
 * it; plausible wrong input is refused at preview naming what the user wrote; credentials
 * rotated under a stack leave refresh and destroy a way through.
 */
import assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { it } from "node:test";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, heldProductKey } from "./helpers/service";
import type { CommandResult } from "./helpers/stack";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const opts = { timeout: SCENARIO_TIMEOUT_MS };
const repoRoot = path.resolve(__dirname, "..");

/** Lines that betray a stack trace or a path of this machine. */
function assertNoStackOrPath(result: CommandResult, dir: string): void {
    assert.doesNotMatch(result.output, /^\s+at /m, `a stack line reached the user:\n${result.output}`);
    for (const machinePath of [repoRoot, dir, os.homedir(), "node_modules"]) {
        assert.ok(!result.output.includes(machinePath), `${machinePath} reached the user:\n${result.output}`);
    }
}

/** How many times a command's output (the `--diff` display, which shows each failure once) holds `text`. */
function timesShown(result: CommandResult, text: string): number {
    return result.output.split(text).length - 1;
}

/** Rotates the secret the stack's provider authenticates with (the demo app's): a new one, the old one deleted. */
async function rotateStackAppSecret(f: Fixture): Promise<string> {
    const base = `/${DEMO.org}/identity_/api/ExternalClient`;
    const app = await f.api.get(`${base}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat });
    assert.equal(app.status, 200);
    const old = (app.body as { secrets: Array<{ id: number }> }).secrets;
    const generated = await f.api.post(`${base}/GenerateSecret`, {
        token: DEMO.adminPat,
        json: { partitionGlobalId: DEMO.pg, clientId: DEMO.clientId, description: "rotated", expiryTime: null },
    });
    assert.equal(generated.status, 200);
    for (const { id } of old)
        assert.equal((await f.api.delete(`${base}/${DEMO.pg}/secrets/${id}`, { token: DEMO.adminPat })).status, 204);
    return (generated.body as { secret: string }).secret;
}

/** Sets the stack's client secret without --secret: preview must refuse it with the fixing command; then sets it back as a secret. */
async function refusesPlaintextClientSecret(f: Fixture): Promise<void> {
    await f.stack.pulumi(["config", "set", "uipath:clientSecret"], { stdin: DEMO.clientSecret });
    const result = await f.stack.preview({ allowFailure: true });
    assert.notEqual(result.code, 0);
    assertNoStackOrPath(result, f.stack.dir);
    assert.match(
        result.output,
        /uipath:clientSecret is set in plaintext in the stack config, so it would be saved in plaintext in state: set it again as a secret with `pulumi config set --secret uipath:clientSecret`/,
    );
    await f.stack.setSecretConfig("uipath:clientSecret", DEMO.clientSecret);
}

/** One Document Understanding key; revokeOnDelete and verify come from `test:` config. */
const duProgram = programSource("userFacingErrors");

it(
    "after the stack's own secret is rotated, every failure is one line, refresh names the command that works, and destroy works",
    opts,
    () =>
        withKeysStack(duProgram, { config: { "test:revokeOnDelete": "true" } }, async (f) => {
            await step("up adopts the key", () => f.stack.up());
            const newSecret = await rotateStackAppSecret(f);
            f.addSecret(newSecret, "the rotated client secret");

            await step("an up that creates and updates with the old secret fails in both, one line each", async () => {
                f.stack.writeProgram(programSource("userFacingErrors.withComputerVision"));
                const result = await f.stack.pulumi(
                    ["up", "--yes", "--skip-preview", "--diff", "--continue-on-error"],
                    { allowFailure: true },
                );
                assert.notEqual(result.code, 0);
                assertNoStackOrPath(result, f.stack.dir);
                const failures = result.output
                    .split("\n")
                    .filter((line) => /error: .*invalid_client|error: .*credentials/i.test(line));
                assert.ok(failures.length >= 2, `expected the create and the update to fail:\n${result.output}`);
            });

            await step(
                "the config gets the new secret; a plain refresh still uses the saved one and says which command works",
                async () => {
                    await f.stack.setSecretConfig("uipath:clientSecret", newSecret);
                    const result = await f.stack.refresh({ allowFailure: true });
                    assert.notEqual(result.code, 0);
                    assertNoStackOrPath(result, f.stack.dir);
                    const hint = "run `pulumi refresh --run-program` to use the current one";
                    assert.equal(timesShown(result, hint), 1, result.output);
                    assert.match(result.output, /If uipath:clientSecret was changed since the last `pulumi up`/);
                },
            );

            await step("refresh --run-program uses the current config and succeeds", async () => {
                await f.stack.pulumi(["refresh", "--yes", "--skip-preview", "--run-program"]);
            });

            await step("destroy then revokes with the current secret", async () => {
                const before = await heldProductKey(f, "documentUnderstanding");
                await f.stack.destroy();
                assert.notEqual(
                    await heldProductKey(f, "documentUnderstanding"),
                    before,
                    "revokeOnDelete regenerated the key",
                );
            });
        }),
);

it("a failure raised in check, refresh's read and destroy's delete is one line, once", opts, () =>
    withKeysStack(duProgram, { config: { "test:revokeOnDelete": "true" } }, async (f) => {
        await step("up adopts the key", () => f.stack.up());
        // Every operation of the provider process fails: the time it is told to use is not one.
        const env = { UIPATH_KEYS_NOW: "not-a-time" };
        const message = "UIPATH_KEYS_NOW must be an ISO date or epoch milliseconds, got 'not-a-time'";
        for (const [name, args] of [
            ["check (preview)", ["preview", "--diff"]],
            ["read (refresh)", ["refresh", "--yes", "--skip-preview", "--diff"]],
            ["delete (destroy)", ["destroy", "--yes", "--skip-preview", "--diff"]],
        ] as const) {
            await step(name, async () => {
                const result = await f.stack.pulumi([...args], { allowFailure: true, env });
                assert.notEqual(result.code, 0, result.output);
                assertNoStackOrPath(result, f.stack.dir);
                assert.equal(timesShown(result, message), 1, result.output);
                assert.doesNotMatch(result.output, /InternalError: .*: InternalError/, "the host's duplicate print");
            });
        }
    }),
);

it("plausible wrong inputs are refused at preview, each attached to what the user wrote, with no API call", opts, () =>
    withKeysStack(duProgram, async (f) => {
        const mark = auditMark(f);
        // The engine stops at the first resource refused, so each mistake gets its own preview.
        f.addSecret("made-up-secret", "a client secret in a program");
        f.addSecret("made-up-token", "an access token in a program");
        for (const [name, program, expected] of [
            [
                "a rotation period of 270,000 years",
                "userFacingErrors.longRotation",
                /resource 'forever': property rotateAfter value \{99999999999d\} has a problem: expected at most 3650d \(ten years\)/,
            ],
            [
                "a client secret and an access token",
                "userFacingErrors.secretAndToken",
                /resource 'both': property connection value \{\[secret\]\} has a problem: connection\.clientSecret and connection\.accessToken are both set: keep one/,
            ],
            [
                "another organization without credentials",
                "userFacingErrors.borrowedOrganization",
                /resource 'borrowing': property connection value \{\[secret\]\} has a problem: connection\.organization is someone-elses-org but the connection has no credentials, and the stack's credentials are for organization demo-org \(uipath:organization\)/,
            ],
            [
                "a misspelled input",
                "userFacingErrors.misspelled",
                /resource 'typo': property rotationTriger value \{2027\} has a problem: unknown input; did you mean rotationTrigger\?/,
            ],
        ] as const) {
            await step(name, async () => {
                f.stack.writeProgram(programSource(program));
                const result = await f.stack.preview({ allowFailure: true });
                assert.notEqual(result.code, 0);
                assertNoStackOrPath(result, f.stack.dir);
                assert.match(result.output, expected);
                assert.doesNotMatch(result.output, /<nil>|\(inputs\)/);
            });
        }

        await step("a stack config problem names the config key, not connection", async () => {
            f.stack.writeProgram(duProgram);
            await f.stack.pulumi(["config", "set", "uipath:baseUrl", "http://uipath.example.com"]);
            const result = await f.stack.preview({ allowFailure: true });
            assert.notEqual(result.code, 0);
            assert.match(
                result.output,
                /resource 'du' has a problem: uipath:baseUrl \(stack config\): plain http:\/\/ to uipath\.example\.com would send the credentials in clear: use https:\/\/, or allow it with `pulumi config set uipath:allowInsecureHttp true`/,
            );
            assert.doesNotMatch(result.output, /property connection|<nil>/);
            await f.stack.pulumi(["config", "set", "uipath:baseUrl", f.emulator.url]);
        });

        await step(
            "a connection's own allowInsecureHttp: true takes plain http to a host name on another machine, at preview",
            async () => {
                f.stack.writeProgram(programSource("userFacingErrors.insecureHttp"));
                const result = await f.stack.preview();
                assert.equal(result.code, 0);
                assertNoStackOrPath(result, f.stack.dir);
                assert.match(
                    result.output,
                    /\+ pulumi-nodejs:dynamic\/uipath:DocumentUnderstandingApiKey: \(create\)\n\s+\[urn=\S+::insecure\]/,
                );
                assert.doesNotMatch(result.output, /plain http|has a problem/);
            },
        );

        await step(
            "verify of a product key where no host is documented names the setting to give, at preview",
            async () => {
                f.stack.writeProgram(duProgram);
                await f.stack.setConfig({ "test:verify": "true" });
                await f.stack.pulumi(["config", "rm", "uipath:duUrl"]);
                const result = await f.stack.preview({ allowFailure: true });
                assert.notEqual(result.code, 0);
                assertNoStackOrPath(result, f.stack.dir);
                assert.match(
                    result.output,
                    /resource 'du': property verify value \{true\} has a problem: verify: Document Understanding keys are checked on Document Understanding's own host, which has no default for uipath:baseUrl http:\/\/127\.0\.0\.1:\d+ \(only Automation Cloud and Public Sector have one\): set uipath:duUrl \(or UIPATH_DU_URL, or connection\.duUrl\) to it, or set verify: false/,
                );
                assert.equal(timesShown(result, "set uipath:duUrl"), 1);
                await f.stack.pulumi(["config", "set", "uipath:duUrl", f.emulator.url]);
            },
        );

        await step("a client secret set without --secret is refused with the command that fixes it", async () => {
            await refusesPlaintextClientSecret(f);
            await f.stack.preview();
        });

        await step("the same refusal for a program holding only an external application and its secret", async () => {
            f.stack.writeProgram(programSource("userFacingErrors.externalAppOnly"));
            await refusesPlaintextClientSecret(f);
        });
        assert.deepEqual(callsSince(f, mark), [], "no API call was made");
    }),
);
