/** Federated credentials: the routes, the test issuers, and the token endpoint judging assertions. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, field, withEmulator, type Api } from "./helpers";

const CREDS = `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${DEMO.clientId}/FederatedCredentials`;
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const SUBJECT = "repo:acme/infra:ref:refs/heads/main";
const AUDIENCE = "https://cloud.uipath.com/demo-org";

/** The identifier of test issuer `name` of the emulator behind `api`. */
const issuerOf = (api: Api, name: string) => `https://${new URL(api.baseUrl).host}/__emulator/oidc/${name}`;

function register(api: Api, body: Record<string, unknown> = {}) {
    return api.post(CREDS, {
        token: DEMO.adminPat,
        json: { name: "ci-main", issuer: issuerOf(api, "gh"), audience: AUDIENCE, subject: SUBJECT, ...body },
    });
}

async function mint(api: Api, issuer: string, query: Record<string, string> = {}): Promise<string> {
    const q = new URLSearchParams({ subject: SUBJECT, audience: AUDIENCE, ...query });
    const res = await api.get(`/__emulator/oidc/${issuer}/token?${q}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return field(res.body, "value");
}

function exchange(api: Api, assertion: string) {
    return api.post(`/${DEMO.org}/identity_/connect/token`, {
        form: {
            grant_type: "client_credentials",
            client_id: DEMO.clientId,
            client_assertion: assertion,
            client_assertion_type: JWT_BEARER,
        },
    });
}

/** The refusal's description, after checking it is a 400 invalid_client that does not echo the assertion. */
async function refused(api: Api, assertion: string): Promise<string> {
    const res = await exchange(api, assertion);
    assert.equal(res.status, 400);
    const body = res.body as { error: string; error_description: string };
    assert.equal(body.error, "invalid_client");
    assert.ok(!JSON.stringify(body).includes(assertion), "the refusal echoes the assertion");
    return body.error_description;
}

describe("federated credential routes", () => {
    it("create, list, get, update and delete a credential", () =>
        withEmulator(async ({ api }) => {
            const created = await register(api);
            assert.equal(created.status, 201, JSON.stringify(created.body));
            const id = field(created.body, "id");
            assert.equal(field(created.body, "clientId"), DEMO.clientId);
            const listed = await api.get(CREDS, { token: DEMO.adminPat });
            assert.deepEqual(
                (listed.body as Array<{ id: string }>).map((c) => c.id),
                [id],
            );
            const updated = await api.put(`${CREDS}/${id}`, {
                token: DEMO.adminPat,
                json: { name: "ci-release", issuer: issuerOf(api, "gh"), audience: AUDIENCE, subject: "repo:x:y" },
            });
            assert.equal(updated.status, 200);
            assert.equal(
                field((await api.get(`${CREDS}/${id}`, { token: DEMO.adminPat })).body, "subject"),
                "repo:x:y",
            );
            assert.equal((await api.delete(`${CREDS}/${id}`, { token: DEMO.adminPat })).status, 204);
            const gone = await api.get(`${CREDS}/${id}`, { token: DEMO.adminPat });
            assert.equal(gone.status, 404);
            assert.equal(errorCode(gone), "FederatedCredentialNotFound");
        }));

    it("refuses a 21st credential of one application", () =>
        withEmulator(async ({ api }) => {
            for (let i = 0; i < 20; i += 1) assert.equal((await register(api, { name: `c${i}` })).status, 201);
            const res = await register(api, { name: "c20" });
            assert.equal(res.status, 400);
            assert.match(JSON.stringify(res.body), /at most 20 federated credentials/);
        }));

    it("refuses an issuer that is not HTTPS, a wildcard, and an issuer whose JWKS cannot be reached", () =>
        withEmulator(async ({ api }) => {
            const http = await register(api, { issuer: "http://token.example.invalid" });
            assert.equal(http.status, 400);
            assert.match(JSON.stringify(http.body), /HTTPS/);
            const wildcard = await register(api, { subject: "repo:acme/*" });
            assert.equal(wildcard.status, 400);
            assert.match(JSON.stringify(wildcard.body), /wildcards/);
            const unreachable = await register(api, { issuer: "https://issuer.example.invalid" });
            assert.equal(unreachable.status, 400);
            assert.match(
                JSON.stringify(unreachable.body),
                /JWKS endpoint of issuer 'https:\/\/issuer\.example\.invalid'/,
            );
        }));

    it("needs PM.OAuthApp(.Read) to list", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret, "OR.Assets");
            const res = await api.get(CREDS, { token });
            assert.equal(res.status, 403);
        }));
});

describe("test issuers", () => {
    it("publish a discovery document naming an HTTPS issuer and their JWKS", () =>
        withEmulator(async ({ api }) => {
            const doc = await api.get("/__emulator/oidc/gh/.well-known/openid-configuration");
            assert.equal(field(doc.body, "issuer"), issuerOf(api, "gh"));
            const jwks = await api.get(new URL(field(doc.body, "jwks_uri")).pathname);
            assert.equal((jwks.body as { keys: Array<{ alg: string }> }).keys[0]?.alg, "RS256");
        }));
});

describe("signing in with an assertion", () => {
    it("issues a one-hour token for a matching assertion, carrying the app's scopes", () =>
        withEmulator({ tokenTtlSeconds: 60 }, async ({ api, emu }) => {
            assert.equal((await register(api)).status, 201);
            const assertion = await mint(api, "gh");
            const res = await exchange(api, assertion);
            assert.equal(res.status, 200, JSON.stringify(res.body));
            assert.equal((res.body as { expires_in: number }).expires_in, 3600);
            const token = field(res.body, "access_token");
            const apps = await api.get(`/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}`, { token });
            assert.equal(apps.status, 200);
            assert.ok(
                emu.secretsEverIssued().some((s) => s.value === assertion),
                "the assertion is not in the ledger",
            );
        }));

    it("refuses a wrong audience, naming the credential and the audience it expects", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const text = await refused(api, await mint(api, "gh", { audience: "api://other" }));
            assert.match(
                text,
                /federated credential 'ci-main' expects audience 'https:\/\/cloud\.uipath\.com\/demo-org'/,
            );
        }));

    it("refuses a wrong subject, naming the credential and the subject it expects", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const text = await refused(api, await mint(api, "gh", { subject: "repo:acme/infra:pull_request" }));
            assert.match(
                text,
                /federated credential 'ci-main' expects subject 'repo:acme\/infra:ref:refs\/heads\/main'/,
            );
        }));

    it("refuses an assertion from another issuer, naming the issuers the client trusts", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const text = await refused(api, await mint(api, "other"));
            assert.match(text, /No federated credential of client 'demo-client' has issuer '.*\/oidc\/other'/);
        }));

    it("refuses an expired assertion, saying when it expired", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const text = await refused(api, await mint(api, "gh", { expiresInSeconds: "-60" }));
            assert.match(text, /expired at 2024-12-31T23:59:00\.000Z/);
        }));

    it("refuses another algorithm than RS256", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const text = await refused(api, await mint(api, "gh", { alg: "RS384" }));
            assert.match(text, /signed with RS384; only RS256/);
        }));

    it("refuses an assertion over 8 KB before looking at it", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const text = await refused(api, `${await mint(api, "gh")}${"A".repeat(8 * 1024)}`);
            assert.match(text, /larger than 8 KB/);
        }));

    it("refuses a forged signature", () =>
        withEmulator(async ({ api }) => {
            await register(api);
            const [h, p] = (await mint(api, "gh")).split(".");
            const forged = `${h}.${p}.${Buffer.from("not the signature").toString("base64url")}`;
            assert.match(await refused(api, forged), /signature does not verify/);
        }));

    it("stops accepting assertions once the credential is deleted", () =>
        withEmulator(async ({ api }) => {
            const id = field((await register(api)).body, "id");
            await api.delete(`${CREDS}/${id}`, { token: DEMO.adminPat });
            assert.match(await refused(api, await mint(api, "gh")), /has no federated credential/);
        }));
});
