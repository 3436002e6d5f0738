/**
 * No stored secret in CI, through the real engine against the emulator: an administrator's stack
 * that holds no secret (it signs in as the organization's admin app through a federated credential
 * the administrator added once, by API) registers an application with a federated credential
 * (trusting one of the emulator's test issuers); a second stack that holds no secret at all, only
 * an assertion file, signs in through that credential and rotates a secret. Bad input is refused in one line, refresh says drift in
 * one line, and no assertion appears in any output or state.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { it } from "node:test";
import { DEMO } from "./emulator/helpers";
import { appNow } from "./helpers/externalApps";
import { emulatorConfig, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { assertNoLeaks } from "./helpers/secretScan";
import { auditMark, callsSince } from "./helpers/service";
import { TestStack } from "./helpers/stack";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const SUBJECT = "repo:acme/infra:ref:refs/heads/main";
const AUDIENCE = "uipath-ci";
/** Stack one's workflow: the admin app trusts it (set up once by the administrator, outside Pulumi). */
const ADMIN_SUBJECT = "repo:acme/uipath-admin:ref:refs/heads/main";

async function mint(f: Fixture, audience = AUDIENCE, subject = SUBJECT): Promise<string> {
    const q = new URLSearchParams({ subject, audience, expiresInSeconds: "3600" });
    const res = await f.api.get(`/__emulator/oidc/github/token?${q}`);
    assert.equal(res.status, 200);
    return (res.body as { value: string }).value;
}

/** The only settings stack two has: where, which app, and the assertion's file. */
function secretlessConfig(url: string, clientId: string, assertionFile: string, serviceClientId: string) {
    const { "uipath:baseUrl": baseUrl, "uipath:organization": organization } = emulatorConfig(url);
    return {
        "uipath:baseUrl": baseUrl as string,
        "uipath:organization": organization as string,
        "uipath:clientId": clientId,
        "uipath:clientAssertionFile": assertionFile,
        "test:serviceClientId": serviceClientId,
        "test:trigger": "r1",
    };
}

/** The secret-free settings are in config, the assertion files in a folder of the test's own. */
function assertNoStoredSecret(stack: TestStack): void {
    const stackConfig = fs.readFileSync(path.join(stack.dir, `Pulumi.${stack.stackName}.yaml`), "utf8");
    assert.doesNotMatch(stackConfig, /secure:/);
    for (const name of ["UIPATH_CLIENT_SECRET", "UIPATH_ACCESS_TOKEN", "UIPATH_CLIENT_ASSERTION"])
        assert.equal(process.env[name], undefined, `${name} is set in the test's environment`);
}

const assertions = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-oidc-"));
const adminAssertionFile = path.join(assertions, "admin.jwt");

it(
    "stacks holding no secret create an app with a federated credential, then sign in through it and rotate a secret",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            programSource("federatedSetup"),
            {
                config: { "uipath:clientAssertionFile": adminAssertionFile },
                omitConfig: ["uipath:clientSecret"],
            },
            async (f) => {
                const issuer = `https://${new URL(f.emulator.url).host}/__emulator/oidc/github`;
                await step("the administrator, once, by API: the admin app trusts stack one's workflow", async () => {
                    const added = await f.api.post(
                        `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${DEMO.clientId}/FederatedCredentials`,
                        {
                            token: DEMO.adminPat,
                            json: { name: "admin-workflow", issuer, audience: AUDIENCE, subject: ADMIN_SUBJECT },
                        },
                    );
                    assert.equal(added.status, 201);
                    fs.writeFileSync(adminAssertionFile, await mint(f, AUDIENCE, ADMIN_SUBJECT));
                    assertNoStoredSecret(f.stack);
                });
                await f.stack.pulumi(["config", "set-all", "--plaintext", `test:issuer=${issuer}`]);
                await f.stack.pulumi(["config", "set-all", "--plaintext", `test:audience=${AUDIENCE}`]);
                await f.stack.pulumi(["config", "set-all", "--plaintext", `test:subject=${SUBJECT}`]);

                const setup = await step(
                    "stack one registers the rotator app and its federated credential",
                    async () => {
                        const mark = auditMark(f);
                        await f.stack.up();
                        const tokenCalls = callsSince(f, mark).filter((e) => e.path.endsWith("/connect/token"));
                        assert.ok(tokenCalls.length > 0);
                        assert.ok(tokenCalls.every((e) => e.caller === `app:${DEMO.clientId}` && e.status === 200));
                        const outputs = (await f.stack.outputs()) as Record<string, string>;
                        const listed = await f.api.get(
                            `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${outputs.rotatorClientId}/FederatedCredentials`,
                            { token: DEMO.adminPat },
                        );
                        const held = listed.body as Array<{ id: string; issuer: string; subject: string }>;
                        assert.deepEqual(
                            held.map((c) => [c.id, c.issuer, c.subject]),
                            [[outputs.credentialId, issuer, SUBJECT]],
                        );
                        return outputs;
                    },
                );

                await step("a non-HTTPS issuer is refused at preview, in one line naming the input", async () => {
                    await f.stack.pulumi(["config", "set-all", "--plaintext", "test:issuer=http://issuer.example"]);
                    const { output } = await f.stack.preview({ allowFailure: true });
                    assert.match(
                        output,
                        /property issuer value \{http:\/\/issuer\.example\} has a problem: the issuer must be an HTTPS URI/,
                    );
                    await f.stack.pulumi(["config", "set-all", "--plaintext", `test:issuer=${issuer}`]);
                });

                await step("a subject edited outside Pulumi: refresh says so in one line", async () => {
                    const path_ = `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${setup.rotatorClientId}/FederatedCredentials/${setup.credentialId}`;
                    const edited = await f.api.put(path_, {
                        token: DEMO.adminPat,
                        json: {
                            name: "github-main",
                            issuer,
                            audience: AUDIENCE,
                            subject: "repo:acme/infra:pull_request",
                        },
                    });
                    assert.equal(edited.status, 200);
                    const { output } = await f.stack.refresh();
                    assert.match(
                        output,
                        /uipath: FederatedCredential 'github-main' was changed outside Pulumi \(subject 'repo:acme\/infra:ref:refs\/heads\/main' → 'repo:acme\/infra:pull_request'\); the next `pulumi up` puts back the program's values\./,
                    );
                    await f.stack.up();
                    const back = await f.api.get(path_, { token: DEMO.adminPat });
                    assert.equal((back.body as { subject: string }).subject, SUBJECT);
                });

                const assertionFile = path.join(assertions, "token.jwt");
                fs.writeFileSync(assertionFile, await mint(f));
                const ci = await TestStack.create({
                    program: programSource("federatedRotate"),
                    config: secretlessConfig(
                        f.emulator.url,
                        setup.rotatorClientId!,
                        assertionFile,
                        setup.serviceClientId!,
                    ),
                    env: { UIPATH_HTTP_TIMEOUT_MS: "5000" },
                });
                try {
                    await step("stack two holds no secret in config or environment", () => {
                        assertNoStoredSecret(ci);
                        return Promise.resolve();
                    });

                    const first = await step("stack two signs in with the assertion and creates a secret", async () => {
                        const mark = auditMark(f);
                        await ci.up();
                        const tokenCalls = callsSince(f, mark).filter((e) => e.path.endsWith("/connect/token"));
                        assert.ok(tokenCalls.length > 0);
                        assert.ok(
                            tokenCalls.every((e) => e.caller === `app:${setup.rotatorClientId}` && e.status === 200),
                        );
                        const { secretId } = (await ci.outputs()) as { secretId: number };
                        const app = await appNow(f, setup.serviceClientId!);
                        assert.deepEqual(
                            app?.secrets.map((s) => s.id),
                            [secretId],
                        );
                        return secretId;
                    });

                    await step(
                        "a wrong audience is refused in one line naming the credential, not the assertion",
                        async () => {
                            const wrong = await mint(f, "someone-else");
                            fs.writeFileSync(assertionFile, wrong);
                            await ci.pulumi(["config", "set-all", "--plaintext", "test:trigger=r2"]);
                            const { output } = await ci.up({ allowFailure: true });
                            assert.match(
                                output,
                                /UiPath refused the client assertion in file .*token\.jwt \(uipath:clientAssertionFile \(stack config\)\) for organization 'demo-org' \(400 invalid_client\) \(UiPath said: The client assertion does not match: federated credential 'github-main' expects audience 'uipath-ci' but the assertion's aud is 'someone-else'\.\)/,
                            );
                            assert.ok(!output.includes(wrong));
                        },
                    );

                    await step("a fresh assertion in the file: the rotation goes through", async () => {
                        fs.writeFileSync(assertionFile, await mint(f));
                        await ci.up();
                        const { secretId } = (await ci.outputs()) as { secretId: number };
                        assert.notEqual(secretId, first);
                        const ids = (await appNow(f, setup.serviceClientId!))?.secrets.map((s) => s.id) ?? [];
                        assert.ok(ids.includes(secretId));
                    });
                } finally {
                    await ci.dispose();
                }
                assertNoLeaks(ci.transcript(), f.secrets());
            },
        ).finally(() => fs.rmSync(assertions, { recursive: true, force: true })),
);
