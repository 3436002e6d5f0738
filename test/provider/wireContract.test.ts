/**
 * The provider against UiPath's published wire format, without the emulator: every response body
 * in test/fixtures/wire/ is served to the provider call that reads it (through the real client and
 * its zod schemas), and every request body the provider builds is compared with the documented
 * request bodies (field names and JSON types). Each fixture names its public source.
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { UiPathClient } from "../../provider/runtime/http/client";
import { resolveConnection, type ConnectionInput } from "../../provider/runtime/inputs/connection";
import { ProviderContext } from "../../provider/runtime/context";
import {
    createClient,
    deleteClient,
    deleteSecret,
    generateSecret,
    getClient,
    identityFor,
    readClient,
    scopeCatalog,
    scopesOf,
    updateClient,
    type ClientDto,
    type Identity,
} from "../../provider/runtime/identity/identityApi";
import {
    createFederatedCredential,
    deleteFederatedCredential,
    getFederatedCredential,
    listFederatedCredentials,
    updateFederatedCredential,
    type FederatedCredentialDto,
} from "../../provider/runtime/identity/federatedCredentialsApi";
import { computerVision } from "../../provider/runtime/kinds/computerVisionApiKey";
import { documentUnderstanding } from "../../provider/runtime/kinds/documentUnderstandingApiKey";
import { getApiAccess, revokeApiAccess, verifyUserKey } from "../../provider/runtime/kinds/orchestratorApiAccess";
import { assetBody, OrchestratorAssetsApi, type AssetDto } from "../../provider/runtime/kinds/orchestratorAssetApi";
import type { OrchestratorAssetInputs } from "../../provider/runtime/kinds/orchestratorAssetInputs";
import { getProductKey, regenerateProductKey } from "../../provider/runtime/kinds/productApiKey";
import { TokenCache, TokenSource } from "../../provider/runtime/http/tokens";
import {
    callOf,
    loadWireFixtures,
    shapeMismatches,
    startWireStub,
    type ReceivedRequest,
    type StubAnswer,
    type WireFixture,
} from "../helpers/wireFixtures";

const ORG = "acme";
const TENANT = "Prod";
const PG = "6f1c2a3b-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
const FOLDER = { id: 17, path: "Shared" };
const clock = { now: () => Date.parse("2026-01-01T00:00:00Z") };
const clientOptions = { retryLimit: 0, timeoutMs: 5_000 };

interface Env {
    url: string;
    client: UiPathClient;
    context: ProviderContext;
    identity: Identity;
}

/** One route the provider calls: how to recognize it on the stub, and the provider call that makes it. */
interface RouteCase {
    method: "GET" | "POST" | "PUT" | "DELETE";
    path: RegExp;
    call(env: Env): Promise<unknown>;
    /** What the provider must have understood from a response body (beyond accepting it). */
    check?(result: unknown, body: unknown): void;
}

/** Scope use by the swagger's enum names and by the integers UiPath's PowerShell module reads (0 user, 1 application, 2 either). */
const SCOPE_USE: Record<string, "user" | "application" | "userAndApplication"> = {
    user: "user",
    application: "application",
    userAndApplication: "userAndApplication",
    "0": "user",
    "1": "application",
    "2": "userAndApplication",
};

interface ScopeDoc {
    name: string;
    type: string | number;
}

function expectedScopesOf(app: { resources?: { scopes?: ScopeDoc[] }[] }): {
    applicationScopes: string[];
    userScopes: string[];
} {
    const applicationScopes: string[] = [];
    const userScopes: string[] = [];
    for (const s of (app.resources ?? []).flatMap((r) => r.scopes ?? [])) {
        const use = SCOPE_USE[String(s.type)];
        if (use === "application" || use === "userAndApplication") applicationScopes.push(s.name);
        if (use === "user" || use === "userAndApplication") userScopes.push(s.name);
    }
    return { applicationScopes: applicationScopes.sort(), userScopes: userScopes.sort() };
}

const checkApp = (result: unknown, body: unknown) =>
    assert.deepEqual(scopesOf(result as ClientDto), expectedScopesOf(body as never));

const textAsset: OrchestratorAssetInputs = {
    tenant: TENANT,
    folder: "Shared",
    name: "ApiBaseUrl",
    valueType: "Text",
    value: "https://example.test",
    description: "string",
};
const assets = (env: Env) => new OrchestratorAssetsApi(env.client, TENANT);
const appFields = {
    name: "ci-deployer",
    redirectUri: null,
    applicationScopes: ["OR.Assets"],
    userScopes: ["OR.Folders.Read"],
};
const userKeyAccess = {
    userKey: "user-key-value",
    accountLogicalName: ORG,
    tenantName: TENANT,
    clientId: "8DEv1AMNXczW3y4U15LL3jYf62jK93n5",
};
const odata = `^/${ORG}/${TENANT}/orchestrator_/odata`;
const identityApi = `^/${ORG}/identity_/api`;

/** A token for the given credentials, through the provider's own token source. */
function tokenFor(env: Env, credentials: Omit<ConnectionInput, "baseUrl" | "organization">): Promise<string> {
    const connection = resolveConnection({ baseUrl: env.url, organization: ORG, ...credentials }, undefined, {});
    const client = new UiPathClient(connection, { ...clientOptions, clock, tokens: new TokenCache() });
    return new TokenSource(connection, { cache: new TokenCache(), clock, send: (spec) => client.send(spec) }).token();
}

const tokenPath = new RegExp(`^/${ORG}/identity_/connect/token$`);
const checkToken = (token: unknown, body: unknown) =>
    assert.equal(token, (body as { access_token: string }).access_token);
const credentials = `${identityApi}/ExternalClient/${PG}/app-1/FederatedCredentials`;
const credentialFields = {
    name: "GitHub Actions",
    description: "main branch of acme/infra",
    issuer: "https://token.actions.githubusercontent.com",
    audience: "https://cloud.uipath.com/acme",
    subject: "repo:acme/infra:ref:refs/heads/main",
};
/** What the provider must read from a FederatedCredentialDto: the fields it keeps in state. */
const checkCredential = (result: unknown, body: unknown) => {
    const [got, doc] = [result as FederatedCredentialDto, body as FederatedCredentialDto];
    for (const key of ["id", "name", "description", "issuer", "audience", "subject"] as const)
        assert.equal(got[key], doc[key], key);
};

/** Keyed by route, and by route and variant for a route the provider calls in two forms (see `callOf`). */
const ROUTES: Record<string, RouteCase> = {
    "POST {org}/identity_/connect/token": {
        method: "POST",
        path: tokenPath,
        call: (env) =>
            tokenFor(env, {
                clientId: "ci-deployer",
                clientSecret: "client-secret-value",
                scopes: "OR.Assets OR.Folders.Read",
            }),
        check: checkToken,
    },
    // The connection as the README's "No stored secret in CI" sets it: a client id and an assertion, no scopes.
    "POST {org}/identity_/connect/token (clientAssertion)": {
        method: "POST",
        path: tokenPath,
        call: (env) => tokenFor(env, { clientId: "ci-deployer", clientAssertion: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln" }),
        check: checkToken,
    },
    "GET {org}/identity_/api/ExternalClient/{pg}/{clientId}/FederatedCredentials": {
        method: "GET",
        path: new RegExp(`${credentials}$`),
        call: (env) => listFederatedCredentials(env.identity, "app-1"),
        check: (result, body) => {
            const [got, doc] = [result as FederatedCredentialDto[], body as FederatedCredentialDto[]];
            assert.equal(got.length, doc.length);
            got.forEach((c, i) => checkCredential(c, doc[i]));
        },
    },
    "GET {org}/identity_/api/ExternalClient/{pg}/{clientId}/FederatedCredentials/{id}": {
        method: "GET",
        path: new RegExp(`${credentials}/cred-1$`),
        call: (env) => getFederatedCredential(env.identity, "app-1", "cred-1"),
        check: checkCredential,
    },
    "POST {org}/identity_/api/ExternalClient/{pg}/{clientId}/FederatedCredentials": {
        method: "POST",
        path: new RegExp(`${credentials}$`),
        call: (env) => createFederatedCredential(env.identity, "app-1", credentialFields),
        check: checkCredential,
    },
    "PUT {org}/identity_/api/ExternalClient/{pg}/{clientId}/FederatedCredentials/{id}": {
        method: "PUT",
        path: new RegExp(`${credentials}/cred-1$`),
        call: (env) => updateFederatedCredential(env.identity, "app-1", "cred-1", credentialFields),
    },
    "DELETE {org}/identity_/api/ExternalClient/{pg}/{clientId}/FederatedCredentials/{id}": {
        method: "DELETE",
        path: new RegExp(`${credentials}/cred-1$`),
        call: (env) => deleteFederatedCredential(env.identity, "app-1", "cred-1"),
        check: (deleted) => assert.equal(deleted, true),
    },
    "GET {org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo": {
        method: "GET",
        path: new RegExp(`^/${ORG}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo$`),
        call: (env) => identityFor(env.context, patConnection(env.url)),
        check: (identity, body) =>
            assert.equal(
                (identity as Identity).partitionGlobalId,
                (body as { organization: { id: string } }).organization.id,
            ),
    },
    "GET {org}/identity_/api/ExternalApiResource": {
        method: "GET",
        path: new RegExp(`${identityApi}/ExternalApiResource$`),
        call: (env) => scopeCatalog(env.identity),
        check: (catalog, body) => {
            const expected = (body as { scopes: ScopeDoc[] }[])
                .flatMap((r) => r.scopes)
                .map((s) => [s.name, SCOPE_USE[String(s.type)]]);
            assert.deepEqual([...(catalog as Map<string, string>)].sort(), expected.sort());
        },
    },
    "GET {org}/identity_/api/ExternalClient/{pg}": {
        method: "GET",
        path: new RegExp(`${identityApi}/ExternalClient/${PG}$`),
        // The documented example's only app has the id "string".
        call: (env) => readClient(env.identity, "string"),
        check: (result, body) => checkApp(result, (body as unknown[])[0]),
    },
    "GET {org}/identity_/api/ExternalClient/{pg}/{clientId}": {
        method: "GET",
        path: new RegExp(`${identityApi}/ExternalClient/${PG}/app-1$`),
        call: (env) => getClient(env.identity, "app-1"),
        check: checkApp,
    },
    "POST {org}/identity_/api/ExternalClient": {
        method: "POST",
        path: new RegExp(`${identityApi}/ExternalClient$`),
        call: (env) => createClient(env.identity, { ...appFields, isConfidential: true }),
        check: checkApp,
    },
    "PUT {org}/identity_/api/ExternalClient/{pg}/{clientId}": {
        method: "PUT",
        path: new RegExp(`${identityApi}/ExternalClient/${PG}/app-1$`),
        call: (env) => updateClient(env.identity, "app-1", appFields),
    },
    "DELETE {org}/identity_/api/ExternalClient/{pg}/{clientId}": {
        method: "DELETE",
        path: new RegExp(`${identityApi}/ExternalClient/${PG}/app-1$`),
        call: (env) => deleteClient(env.identity, "app-1"),
        check: (deleted) => assert.equal(deleted, true),
    },
    "POST {org}/identity_/api/ExternalClient/GenerateSecret": {
        method: "POST",
        path: new RegExp(`${identityApi}/ExternalClient/GenerateSecret$`),
        call: (env) => generateSecret(env.identity, "app-1", "rotated by pulumi", "2026-07-01T00:00:00.000Z"),
        check: (secret, body) =>
            assert.equal((secret as { secret: string }).secret, (body as { secret: string }).secret),
    },
    "DELETE {org}/identity_/api/ExternalClient/{pg}/secrets/{secretId}": {
        method: "DELETE",
        path: new RegExp(`${identityApi}/ExternalClient/${PG}/secrets/42$`),
        call: (env) => deleteSecret(env.identity, 42),
        check: (deleted) => assert.equal(deleted, true),
    },
    "GET {org}/{tenant}/orchestrator_/odata/Folders": {
        method: "GET",
        path: new RegExp(`${odata}/Folders$`),
        call: (env) => assets(env).folderId("Shared"),
        check: (id, body) =>
            assert.equal(
                id,
                (body as { value: { FullyQualifiedName: string; Id: number }[] }).value.find(
                    (f) => f.FullyQualifiedName === "Shared",
                )?.Id,
            ),
    },
    "GET {org}/{tenant}/orchestrator_/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered": {
        method: "GET",
        path: new RegExp(`${odata}/Assets/UiPath\\.Server\\.Configuration\\.OData\\.GetFiltered$`),
        call: (env) => assets(env).findByName(FOLDER, "ApiBaseUrl"),
        // The filter is a contains: the exact name is picked, not the first one listed.
        check: (found, body) =>
            assert.equal(
                (found as AssetDto).Id,
                (body as { value: AssetDto[] }).value.find((a) => a.Name === "ApiBaseUrl")?.Id,
            ),
    },
    "GET {org}/{tenant}/orchestrator_/odata/Assets({id})": {
        method: "GET",
        path: new RegExp(`${odata}/Assets\\(1234\\)$`),
        call: (env) => assets(env).get(FOLDER, 1234),
        check: (asset) => assert.equal((asset as AssetDto).Id, 1234),
    },
    "POST {org}/{tenant}/orchestrator_/odata/Assets": {
        method: "POST",
        path: new RegExp(`${odata}/Assets$`),
        call: (env) => assets(env).create(FOLDER, assetBody(textAsset), []),
    },
    "PUT {org}/{tenant}/orchestrator_/odata/Assets({id})": {
        method: "PUT",
        path: new RegExp(`${odata}/Assets\\(1234\\)$`),
        call: (env) => assets(env).put(FOLDER, 1234, assetBody(textAsset), []),
    },
    "DELETE {org}/{tenant}/orchestrator_/odata/Assets({id})": {
        method: "DELETE",
        path: new RegExp(`${odata}/Assets\\(1234\\)$`),
        call: (env) => assets(env).delete(FOLDER, 1234),
    },
    "GET {org}/{tenant}/orchestrator_/odata/Users/UiPath.Server.Configuration.OData.GetCurrentUser": {
        method: "GET",
        path: new RegExp(`${odata}/Users/UiPath\\.Server\\.Configuration\\.OData\\.GetCurrentUser$`),
        call: (env) => verifyUserKey(env.client, userKeyAccess),
    },
    "POST {accountUrl}/oauth/token": {
        method: "POST",
        path: /^\/oauth\/token$/,
        call: (env) => verifyUserKey(env.client, userKeyAccess),
    },
    "GET {org}/portal_/api/apiAccess/tenants/{tenant}/services/{service}": {
        method: "GET",
        path: new RegExp(`^/${ORG}/portal_/api/apiAccess/tenants/${TENANT}/services/orchestrator$`),
        call: (env) => getApiAccess(env.client, TENANT, "orchestrator"),
    },
    "POST {org}/portal_/api/apiAccess/tenants/{tenant}/services/{service}/revoke": {
        method: "POST",
        path: new RegExp(`^/${ORG}/portal_/api/apiAccess/tenants/${TENANT}/services/orchestrator/revoke$`),
        call: (env) => revokeApiAccess(env.client, TENANT, "orchestrator"),
    },
    "GET {org}/portal_/api/apiAccess/documentUnderstanding": {
        method: "GET",
        path: new RegExp(`^/${ORG}/portal_/api/apiAccess/documentUnderstanding$`),
        call: (env) => getProductKey(env.client, documentUnderstanding),
    },
    "POST {org}/portal_/api/apiAccess/documentUnderstanding/regenerate": {
        method: "POST",
        path: new RegExp(`^/${ORG}/portal_/api/apiAccess/documentUnderstanding/regenerate$`),
        call: (env) => regenerateProductKey(env.client, documentUnderstanding),
    },
    "GET {org}/portal_/api/apiAccess/computerVision": {
        method: "GET",
        path: new RegExp(`^/${ORG}/portal_/api/apiAccess/computerVision$`),
        call: (env) => getProductKey(env.client, computerVision),
    },
    "POST {org}/portal_/api/apiAccess/computerVision/regenerate": {
        method: "POST",
        path: new RegExp(`^/${ORG}/portal_/api/apiAccess/computerVision/regenerate$`),
        call: (env) => regenerateProductKey(env.client, computerVision),
    },
    "POST {duUrl}/metering/validate": {
        method: "POST",
        path: /^\/metering\/validate$/,
        call: (env) => documentUnderstanding.verify(env.client, "product-key-value"),
    },
    "GET {cvUrl}/api/v1/status": {
        method: "GET",
        path: /^\/api\/v1\/status$/,
        call: (env) => computerVision.verify(env.client, "product-key-value"),
    },
};

const patConnection = (url: string): ConnectionInput => ({ baseUrl: url, organization: ORG, accessToken: "pat-value" });
const answerOf = (f: WireFixture): StubAnswer => ({ status: f.status ?? 200, body: f.body });
const hits = (route: RouteCase, received: ReceivedRequest[]) =>
    received.filter((r) => r.method === route.method && route.path.test(r.path));

const fixtures = loadWireFixtures();

describe("wire contract fixtures", () => {
    let stub: Awaited<ReturnType<typeof startWireStub>>;
    /** The answer for the route under test; the other routes answer with their first accepted response fixture. */
    let serving: { route: RouteCase; answer: StubAnswer } | undefined;
    const defaults = new Map<RouteCase, StubAnswer>();
    /** Requests to a route this file does not know: a call the provider makes without a fixture. */
    const unknown: string[] = [];
    for (const f of fixtures) {
        const route = ROUTES[callOf(f)];
        if (route && f.direction === "response" && !defaults.has(route)) defaults.set(route, answerOf(f));
    }

    before(async () => {
        stub = await startWireStub((req) => {
            const matches = (r: RouteCase) => r.method === req.method && r.path.test(req.path);
            // Two calls share the token route: the one under test answers with its fixture.
            if (serving && matches(serving.route)) return serving.answer;
            const route = Object.values(ROUTES).find(matches);
            if (!route) {
                unknown.push(`${req.method} ${req.path}`);
                return { status: 404, body: { message: `no fixture route for ${req.method} ${req.path}` } };
            }
            return defaults.get(route) ?? { status: 500, body: { message: "no response fixture" } };
        });
    });
    after(() => stub.close());
    beforeEach(() => {
        stub.received.length = 0;
        serving = undefined;
    });

    function env(): Env {
        const context = new ProviderContext({ clock, env: {}, client: clientOptions, notice: () => {} });
        const client = context.client(patConnection(stub.url));
        return { url: stub.url, client, context, identity: { client, partitionGlobalId: PG } };
    }

    it("name a known route and a public source, and cover every route the provider calls", () => {
        for (const f of fixtures) {
            assert.ok(ROUTES[callOf(f)], `${f.file}: no provider call is known for '${callOf(f)}'`);
            // The name says what the file is and where it comes from, so a reader need not open it.
            assert.ok(
                f.file.endsWith(`.${f.direction}.${f.form}.json`),
                `${f.file}: expected *.${f.direction}.${f.form}.json`,
            );
        }
        for (const [name, route] of Object.entries(ROUTES)) {
            const of = (direction: string) =>
                fixtures.some((f) => ROUTES[callOf(f)] === route && f.direction === direction);
            assert.ok(of("response"), `no response fixture for ${name}`);
            // Every POST and PUT the provider makes sends a body.
            if (route.method === "POST" || route.method === "PUT")
                assert.ok(of("request"), `no request fixture for ${name}`);
        }
    });

    for (const f of fixtures.filter((x) => x.direction === "response")) {
        it(`the provider accepts ${f.file} (${f.form})`, async () => {
            const route = ROUTES[callOf(f)]!;
            serving = { route, answer: answerOf(f) };
            const result = await route.call(env());
            assert.ok(hits(route, stub.received).length > 0, `the provider call made no ${f.route} request`);
            route.check?.(result, f.body);
        });
    }

    for (const f of fixtures.filter((x) => x.direction === "request")) {
        // Where UiPath's own client shows the wire form, the swagger's and docs' renderings of
        // the same body are checked for field names only (their scope types are enum names).
        const superseded =
            f.form !== "observed" &&
            fixtures.some((o) => callOf(o) === callOf(f) && o.direction === "request" && o.form === "observed");
        it(`the provider sends what ${f.file} documents (${f.form}${superseded ? ", field names" : ""})`, async () => {
            const route = ROUTES[callOf(f)]!;
            await route.call(env()).catch(() => undefined);
            const [sent] = hits(route, stub.received);
            assert.ok(sent, `the provider call made no ${f.route} request`);
            assert.ok(sent.body !== undefined, `the provider sent ${f.route} without a body`);
            assert.deepEqual(shapeMismatches(sent.body, f.body, { types: !superseded }), [], `${f.file} (${f.source})`);
            const missing = (f.required ?? []).filter(
                (field) => (sent.body as Record<string, unknown>)[field] === undefined,
            );
            assert.deepEqual(missing, [], `${f.file}: required fields the provider did not send`);
        });
    }

    it("left no request to a route without fixtures", () => {
        assert.deepEqual(unknown, []);
    });
});
