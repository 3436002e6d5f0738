/**
 * FederatedCredential's `check`: the documented rules refused before any call, each in one line
 * naming the input; the 20-per-app limit counted against what the application holds now.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProviderContext } from "../../provider/runtime/context";
import {
    federatedCredentialProvider,
    type FederatedCredentialInputs,
} from "../../provider/runtime/kinds/federatedCredential";
import { DEMO, withEmulator, type Api } from "../emulator/helpers";

const GITHUB = "https://token.actions.githubusercontent.com";
const good = { clientId: DEMO.clientId, name: "ci", issuer: GITHUB, audience: "uipath", subject: "repo:a/b:ref:main" };

function contextFor(baseUrl: string, calls: string[] = []): ProviderContext {
    const config: Record<string, string> = {
        "uipath:baseUrl": baseUrl,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        "uipath:clientSecret": DEMO.clientSecret,
    };
    return new ProviderContext({
        stackConfig: { get: (key) => config[key] },
        env: {},
        client: { retryLimit: 0 },
        notice: (line) => void calls.push(line),
    });
}

async function failuresOf(context: ProviderContext, news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
    const provider = federatedCredentialProvider(context);
    const result = await provider.check(
        olds as unknown as FederatedCredentialInputs,
        news as unknown as FederatedCredentialInputs,
    );
    return result.failures ?? [];
}

describe("FederatedCredential check, before any call", () => {
    // Nothing listens there: any call would fail the test with a network error.
    const offline = () => contextFor("http://127.0.0.1:9");

    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
        ["a non-HTTPS issuer", { issuer: "http://token.example" }, "issuer", /must be an HTTPS URI/],
        ["a wildcard subject", { subject: "repo:a/*" }, "subject", /takes no wildcards \(\*\)/],
        ["a wildcard audience", { audience: "api://*" }, "audience", /takes no wildcards/],
        ["two audiences", { audience: ["a", "b"] }, "audience", /one audience per credential/],
    ];
    for (const [what, change, property, reason] of cases) {
        it(`refuses ${what} in one line naming ${property}`, async () => {
            const failures = await failuresOf(offline(), { ...good, ...change, clientId: "not-checked-yet" });
            assert.equal(failures.length, 1, JSON.stringify(failures));
            assert.equal(failures[0]!.property, property);
            assert.match(failures[0]!.reason, reason);
            assert.equal(failures[0]!.reason.split("\n").length, 1);
        });
    }
});

describe("FederatedCredential check, the 20-per-app limit", () => {
    async function fill(api: Api, count: number): Promise<void> {
        const issuer = `https://${new URL(api.baseUrl).host}/__emulator/oidc/gh`;
        for (let i = 0; i < count; i += 1) {
            const res = await api.post(
                `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${DEMO.clientId}/FederatedCredentials`,
                { token: DEMO.adminPat, json: { name: `c${i}`, issuer, audience: "a", subject: `s${i}` } },
            );
            assert.equal(res.status, 201);
        }
    }

    it("refuses a 21st credential at preview, counting what the application already holds", () =>
        withEmulator(async ({ api }) => {
            await fill(api, 20);
            const failures = await failuresOf(contextFor(api.baseUrl), good);
            assert.deepEqual(failures, [
                {
                    property: "clientId",
                    reason: "external application demo-client already holds 20 federated credentials, UiPath's limit is 20 per application: delete one (or use another application) before adding 'ci'",
                },
            ]);
        }));

    it("lets a 20th through, and does not count again for a credential already on the app", () =>
        withEmulator(async ({ api }) => {
            await fill(api, 19);
            assert.deepEqual(await failuresOf(contextFor(api.baseUrl), good), []);
            await fill(api, 1);
            assert.deepEqual(await failuresOf(contextFor(api.baseUrl), { ...good, name: "renamed" }, good), []);
        }));
});
