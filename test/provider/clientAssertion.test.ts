/**
 * The provider signing in with a client assertion: given as a value, read from a file at each
 * token request, or asked from GitHub Actions (played by the emulator's test issuer); refusals
 * say what to fix and never hold the assertion; two kinds of credential are refused.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { resolveConnection } from "../../provider/runtime/inputs/connection";
import { ProviderContext } from "../../provider/runtime/context";
import { AuthenticationError, InvalidInputError } from "../../provider/runtime/reporting/errors";
import { DEMO, field, withEmulator, type Api } from "../emulator/helpers";

const SUBJECT = "repo:acme/infra:ref:refs/heads/main";
const AUDIENCE = "uipath-ci";

async function registerCredential(api: Api): Promise<void> {
    const issuer = `https://${new URL(api.baseUrl).host}/__emulator/oidc/gh`;
    const res = await api.post(
        `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${DEMO.clientId}/FederatedCredentials`,
        { token: DEMO.adminPat, json: { name: "ci-main", issuer, audience: AUDIENCE, subject: SUBJECT } },
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
}

async function mint(api: Api, query: Record<string, string> = {}): Promise<string> {
    const q = new URLSearchParams({ subject: SUBJECT, audience: AUDIENCE, ...query });
    return field((await api.get(`/__emulator/oidc/gh/token?${q}`)).body, "value");
}

function contextFor(api: Api, settings: Record<string, string>, env: NodeJS.ProcessEnv = {}): ProviderContext {
    const config: Record<string, string> = {
        "uipath:baseUrl": api.baseUrl,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        ...settings,
    };
    return new ProviderContext({
        stackConfig: { get: (key) => config[key] },
        env,
        clock: { now: () => Date.parse("2025-01-01T00:00:00.000Z") },
        client: { retryLimit: 0 },
    });
}

const tempFile = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-assertion-"));
    const file = path.join(dir, "token.jwt");
    fs.writeFileSync(file, text);
    return file;
};

describe("signing in with a client assertion", () => {
    it("uses uipath:clientAssertion as the credential", () =>
        withEmulator(async ({ api }) => {
            await registerCredential(api);
            const context = contextFor(api, { "uipath:clientAssertion": await mint(api) });
            const token = await context.client(undefined).accessToken();
            const apps = await api.get(`/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}`, { token });
            assert.equal(apps.status, 200);
        }));

    it("reads uipath:clientAssertionFile again at each token request", () =>
        withEmulator(async ({ api }) => {
            await registerCredential(api);
            const file = tempFile(await mint(api));
            const context = contextFor(api, { "uipath:clientAssertionFile": file });
            const client = context.client(undefined);
            await client.accessToken();
            // The platform rewrites the file; the next request sends what it holds now.
            const wrong = await mint(api, { audience: "someone-else" });
            fs.writeFileSync(file, wrong);
            context.tokens.entries.clear();
            await assert.rejects(client.accessToken(), (err: unknown) => {
                assert.ok(err instanceof AuthenticationError);
                assert.match(
                    err.message,
                    /UiPath refused the client assertion in file .*token\.jwt \(uipath:clientAssertionFile \(stack config\)\).*federated credential 'ci-main' expects audience 'uipath-ci'/,
                );
                assert.ok(!err.message.includes(wrong), "the error holds the assertion");
                assert.equal(err.message.split("\n").length, 1);
                return true;
            });
        }));

    it("asks GitHub Actions for an ID token with uipath:oidcAudience, and again only near its expiry", () =>
        withEmulator(async ({ api }) => {
            await registerCredential(api);
            const env = {
                ACTIONS_ID_TOKEN_REQUEST_URL: `${api.baseUrl}/__emulator/oidc/gh/token?subject=${encodeURIComponent(SUBJECT)}`,
                ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token",
            };
            const context = contextFor(api, { "uipath:oidcAudience": AUDIENCE }, env);
            await context.client(undefined).accessToken();
            assert.equal(context.tokens.assertions.size, 1);
            const first = [...context.tokens.assertions.values()][0]!.token;
            context.tokens.entries.clear();
            await context.client(undefined).accessToken();
            assert.equal([...context.tokens.assertions.values()][0]!.token, first, "fetched again while fresh");
        }));

    it("blames GitHub, not UiPath, when GitHub gives no ID token", () =>
        withEmulator(async ({ api }) => {
            const env = {
                ACTIONS_ID_TOKEN_REQUEST_URL: `${api.baseUrl}/__emulator/no-such-route?x=1`,
                ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token",
            };
            const context = contextFor(api, { "uipath:oidcAudience": AUDIENCE }, env);
            await assert.rejects(context.client(undefined).accessToken(), (err: unknown) => {
                assert.ok(err instanceof AuthenticationError);
                assert.match(
                    err.message,
                    /^GitHub Actions did not give an ID token for audience 'uipath-ci' \(127\.0\.0\.1:\d+\): check that the job has `permissions: id-token: write` and runs on GitHub Actions \(HTTP 404\)$/,
                );
                assert.ok(!err.message.includes("gh-request-token"));
                return true;
            });
        }));

    it("refuses uipath:oidcAudience outside GitHub Actions, saying what the job needs", () => {
        assert.throws(
            () =>
                resolveConnection(
                    undefined,
                    {
                        get: (k) =>
                            ({ "uipath:organization": "o", "uipath:clientId": "c", "uipath:oidcAudience": "a" })[k],
                    },
                    {},
                ),
            /uipath:oidcAudience \(stack config\) asks GitHub Actions for an ID token, but ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: run in a GitHub Actions job with `permissions: id-token: write`/,
        );
    });

    it("refuses a client secret and a client assertion together, naming where each was set", () => {
        assert.throws(
            () =>
                resolveConnection(
                    undefined,
                    {
                        get: (k) =>
                            ({ "uipath:organization": "o", "uipath:clientId": "c", "uipath:clientSecret": "s" })[k],
                    },
                    { UIPATH_CLIENT_ASSERTION_FILE: "/run/token" },
                ),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                /^uipath:clientSecret \(stack config\) and UIPATH_CLIENT_ASSERTION_FILE \(environment\) are both set: keep one/.test(
                    err.message,
                ),
        );
        assert.throws(
            () =>
                resolveConnection(
                    { organization: "o", clientId: "c", clientAssertionFile: "/f", oidcAudience: "a" },
                    undefined,
                    {},
                ),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === "connection" &&
                /^connection\.clientAssertionFile and connection\.oidcAudience are both set/.test(err.message),
        );
    });

    it("says which file could not be read", () =>
        withEmulator(async ({ api }) => {
            const context = contextFor(api, { "uipath:clientAssertionFile": "/nonexistent/token.jwt" });
            await assert.rejects(
                context.client(undefined).accessToken(),
                /the client assertion file \/nonexistent\/token\.jwt could not be read \(ENOENT\)/,
            );
        }));
});
