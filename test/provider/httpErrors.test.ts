/**
 * The provider's error mapping against what the emulator sends in UiPath's shapes: OAuth errors
 * of the token endpoints, ErrorResult bodies with integer codes, identity validation bodies and
 * the Document Understanding host's ErrorResponse — one actionable line each, no secret.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ManualClock, startEmulator, DEMO_SEED, type Emulator } from "../../emulator";
import { UiPathClient } from "../../provider/runtime/http/client";
import { resolveConnection, type ConnectionInput } from "../../provider/runtime/inputs/connection";
import { z } from "zod";
import {
    AuthenticationError,
    NotFoundError,
    PermissionError,
    RequestFailedError,
    UiPathError,
    UserKeyAccessRetiredError,
} from "../../provider/runtime/reporting/errors";
import { describeHttpFailure } from "../../provider/runtime/http/httpErrors";
import { documentUnderstanding as du } from "../../provider/runtime/kinds/documentUnderstandingApiKey";
import { getApiAccess, verifyUserKey } from "../../provider/runtime/kinds/orchestratorApiAccess";
import { getProductKey } from "../../provider/runtime/kinds/productApiKey";
import { TokenCache } from "../../provider/runtime/http/tokens";
import { DEMO } from "../emulator/helpers";

const clock = new ManualClock(Date.parse("2027-01-01T00:00:00Z"));

function clientFor(emulator: Emulator, input: Partial<ConnectionInput> = {}): UiPathClient {
    const connection = resolveConnection(
        {
            baseUrl: emulator.url,
            organization: DEMO.org,
            clientId: DEMO.clientId,
            clientSecret: DEMO.clientSecret,
            ...input,
        },
        undefined,
        {},
    );
    return new UiPathClient(connection, { clock, tokens: new TokenCache(), retryLimit: 0, timeoutMs: 5_000 });
}

/** Runs `call`, expects a rejection of `type`, returns its message. */
async function refusal(call: Promise<unknown>, type: new (...args: never[]) => Error): Promise<string> {
    let message = "";
    await assert.rejects(call, (err: unknown) => {
        assert.ok(err instanceof type, `expected ${type.name}, got ${String(err)}`);
        message = err.message;
        assert.doesNotMatch(message, /\n/, "one line");
        return true;
    });
    return message;
}

describe("error mapping against the emulator", () => {
    let emulator: Emulator;
    before(async () => {
        // demo-org keeps the demo's opt-in; the other orgs take the emulator's default (user tokens only).
        const organizations = DEMO_SEED.organizations.map(({ portalAccepts, ...o }) =>
            o.name === DEMO.org ? { ...o, portalAccepts } : o,
        );
        emulator = await startEmulator({ clock, config: { organizations } });
    });
    after(() => emulator.close());

    it("a revoked or unknown user key says so, not 'access denied'", async () => {
        const client = clientFor(emulator);
        const access = await getApiAccess(client, DEMO.tenant, "orchestrator");
        const message = await refusal(
            verifyUserKey(client, { ...access, userKey: "not-a-user-key-at-all" }),
            AuthenticationError,
        );
        assert.match(message, /this user key was revoked or is wrong \(403 invalid_grant\)/);
        assert.doesNotMatch(message, /access denied|not-a-user-key-at-all/);
    });

    it("wrong client credentials (invalid_client, 400) name the settings to check and never the secret", async () => {
        const message = await refusal(
            getProductKey(clientFor(emulator, { clientSecret: "wrong-secret-value" }), du),
            AuthenticationError,
        );
        assert.match(
            message,
            /rejected the credentials for organization 'demo-org' \(400 invalid_client\); check uipath:clientId and uipath:clientSecret/,
        );
        assert.doesNotMatch(message, /wrong-secret-value/);
    });

    it("a scope the application lacks (invalid_scope) points at uipath:scopes", async () => {
        const message = await refusal(getProductKey(clientFor(emulator, { scopes: "OR.Jobs" }), du), PermissionError);
        assert.match(message, /may not request the scopes in uipath:scopes.*\(invalid_scope\)/);
    });

    it("a user scope in uipath:scopes (400 invalid_request 'not allowed to access User scopes') is a PermissionError pointing at uipath:scopes", async () => {
        const created = await fetch(`${emulator.url}/${DEMO.org}/identity_/api/ExternalClient`, {
            method: "POST",
            headers: { authorization: `Bearer ${DEMO.adminPat}`, "content-type": "application/json" },
            // 1 = application scope, 0 = user scope (ApiScopeType by number).
            body: JSON.stringify({
                partitionGlobalId: DEMO.pg,
                name: "mixed",
                isConfidential: true,
                redirectUri: "http://localhost/cb",
                scopes: [
                    { name: "PM.OAuthApp", type: 1 },
                    { name: "OR.Jobs", type: 0 },
                ],
            }),
        });
        const app = (await created.json()) as { id: string; secret: string };
        const message = await refusal(
            getProductKey(
                clientFor(emulator, { clientId: app.id, clientSecret: app.secret, scopes: "PM.OAuthApp OR.Jobs" }),
                du,
            ),
            PermissionError,
        );
        assert.match(
            message,
            /names a user scope \(400 invalid_request\); remove the user scopes from uipath:scopes, or grant them to the application as application scopes/,
        );
        assert.doesNotMatch(message, /bug of pulumi-uipath-keys/);
        assert.doesNotMatch(message, new RegExp(app.secret));
    });

    it("a credential the modeled portal routes do not accept (403) passes UiPath's reason on and points at the README", async () => {
        const client = clientFor(emulator, {
            organization: "retired-org",
            clientId: "retired-client",
            clientSecret: "retired-secret",
        });
        const message = await refusal(getProductKey(client, du), PermissionError);
        assert.match(
            message,
            /refused this call for organization 'retired-org' \(403\) \(UiPath said: This operation does not accept an external application's credentials/,
        );
        assert.match(message, /which credential each resource needs/);
    });

    it("an unknown tenant (404, ErrorResult errorCode 1002) is a NotFoundError naming it", async () => {
        const message = await refusal(getApiAccess(clientFor(emulator), "NoSuchTenant", "orchestrator"), NotFoundError);
        assert.match(
            message,
            /does not exist in organization 'demo-org' \(404, errorCode 1002\).*\(UiPath said: Tenant 'NoSuchTenant' does not exist/,
        );
    });

    it("retired user-key access (410, modeled) says what to use instead", async () => {
        await emulator.store.update((draft) => {
            draft.orgs.find((o) => o.name === DEMO.org)!.userKeyAccess = false;
        });
        try {
            const message = await refusal(
                getApiAccess(clientFor(emulator), DEMO.tenant, "orchestrator"),
                UserKeyAccessRetiredError,
            );
            assert.match(message, /retired Orchestrator user-key \(API key\) authentication.*external application/);
        } finally {
            await emulator.store.update((draft) => {
                draft.orgs.find((o) => o.name === DEMO.org)!.userKeyAccess = true;
            });
        }
    });

    it("a wrong Document Understanding key on the DU host (401, DU ErrorResponse) is an authentication error", async () => {
        const client = clientFor(emulator);
        const message = await refusal(du.verify(client, "wrong-du-key-value"), AuthenticationError);
        assert.match(message, /POST \/metering\/validate: UiPath rejected the credentials .*\(401\)/);
        assert.doesNotMatch(message, /wrong-du-key-value/);
        await du.verify(client, await getProductKey(client, du));
    });
});

describe("error mapping of bodies the emulator does not produce", () => {
    const base = { what: "GET /x", organization: "org", secrets: ["s3cret-value"], cause: undefined, attempts: 0 };

    it("an identity validation body (400 {errors}) lists the fields, redacted", () => {
        const err = describeHttpFailure({
            ...base,
            status: 400,
            body: JSON.stringify({ errors: { partitionGlobalId: ["The value 's3cret-value' is not valid."] } }),
        });
        assert.ok(err instanceof RequestFailedError);
        assert.match(
            err.message,
            /refused the request as invalid \(400\) \(UiPath said: partitionGlobalId: The value '\*\*\*' is not valid\.\)/,
        );
    });

    it("invalid_request naming user scopes is a PermissionError; any other invalid_request stays a bug of the provider", () => {
        const userScopes = describeHttpFailure({
            ...base,
            status: 400,
            body: JSON.stringify({
                error: "invalid_request",
                error_description: "Client=7d8c is not allowed to access User scopes",
            }),
        });
        assert.ok(userScopes instanceof PermissionError);
        assert.match(userScopes.message, /uipath:scopes/);
        const other = describeHttpFailure({
            ...base,
            status: 400,
            body: JSON.stringify({ error: "invalid_request", error_description: "grant_type is required." }),
        });
        assert.ok(other instanceof RequestFailedError);
        assert.match(other.message, /this is a bug of pulumi-uipath-keys/);
    });

    it("unauthorized_client tells how to fix the application", () => {
        const err = describeHttpFailure({
            ...base,
            status: 400,
            body: JSON.stringify({ error: "unauthorized_client" }),
        });
        assert.ok(err instanceof AuthenticationError);
        assert.match(err.message, /make it confidential and give it application scopes/);
    });

    it("invalid_grant is recognized whatever the status", () => {
        for (const status of [400, 401, 403]) {
            const err = describeHttpFailure({
                ...base,
                status,
                body: JSON.stringify({
                    error: "invalid_grant",
                    error_description: "Unknown or invalid refresh token.",
                }),
            });
            assert.match(err.message, /this user key was revoked or is wrong/);
        }
    });

    it("an ErrorResult with errorCode 1002 is a NotFoundError even under another status", () => {
        const err = describeHttpFailure({
            ...base,
            status: 400,
            body: JSON.stringify({ message: "Robot does not exist.", errorCode: 1002, traceId: "00-" }),
        });
        assert.ok(err instanceof NotFoundError);
    });
});

describe("UiPath's facts on errors from an HTTP answer", () => {
    const traceId = "00-0f9a884dc5cd6cc9e71da27364547871-4c3fa2d22823c8d7-00";
    const base = {
        what: "GET /o/t/orchestrator_/odata/Assets(5)",
        method: "GET",
        path: "/o/t/orchestrator_/odata/Assets(5)",
        organization: "o",
        secrets: [],
        cause: undefined,
        attempts: 0,
    };
    const facts = ["errorCode", "oauthError", "traceId", "method", "path"] as const;

    it("an ErrorResult gives errorCode, traceId, method and path as fields, and the message ends with the trace id", () => {
        const err = describeHttpFailure({
            ...base,
            status: 403,
            body: JSON.stringify({
                message: "Folder does not exist or the user does not have access to the folder.",
                errorCode: 1100,
                traceId,
            }),
        });
        assert.equal(err.errorCode, 1100);
        assert.equal(err.traceId, traceId);
        assert.equal(err.method, "GET");
        assert.equal(err.path, "/o/t/orchestrator_/odata/Assets(5)");
        assert.equal(err.oauthError, undefined);
        assert.equal(err.status, 403);
        assert.ok(err.message.endsWith(` (trace id ${traceId})`), err.message);
    });

    it("the facts are not enumerable: they stay out of JSON and of spread copies", () => {
        const err = describeHttpFailure({
            ...base,
            status: 409,
            body: JSON.stringify({ message: "The name x is already used.", errorCode: 1001, traceId }),
        });
        for (const fact of facts) {
            assert.ok(Object.prototype.hasOwnProperty.call(err, fact), `${fact} is an own property`);
            assert.equal(Object.getOwnPropertyDescriptor(err, fact)?.enumerable, false, `${fact} is not enumerable`);
        }
        assert.ok(!Object.keys(err).some((k) => (facts as readonly string[]).includes(k)));
        assert.doesNotMatch(JSON.stringify(err), /errorCode|traceId|orchestrator_/);
        assert.equal(({ ...err } as Record<string, unknown>).traceId, undefined);
    });

    it("a token endpoint's OAuth error is kept as oauthError, with no errorCode", () => {
        const err = describeHttpFailure({
            ...base,
            method: "POST",
            path: "/o/identity_/connect/token",
            status: 400,
            body: JSON.stringify({ error: "invalid_client" }),
        });
        assert.equal(err.oauthError, "invalid_client");
        assert.equal(err.errorCode, undefined);
        assert.equal(err.traceId, undefined);
        assert.doesNotMatch(err.message, /trace id/);
    });

    it("an errorCode that is not an integer, or a traceId that is not a token, is not taken", () => {
        const err = describeHttpFailure({
            ...base,
            status: 400,
            body: JSON.stringify({ message: "x", errorCode: "1001", traceId: "a b\nc" }),
        });
        assert.equal(err.errorCode, undefined);
        assert.equal(err.traceId, undefined);
        assert.doesNotMatch(err.message, /trace id|\n/);
    });

    it("the emulator's Orchestrator bodies reach the error through the client: integer errorCode, traceparent traceId, path without the query", async () => {
        const emulator = await startEmulator({ clock });
        try {
            const client = clientFor(emulator);
            const path = `${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered?%24top=1`;
            let seen: UiPathError | undefined;
            await assert.rejects(
                client.send({
                    method: "GET",
                    path,
                    headers: { "x-uipath-organizationunitid": "999999" },
                    schema: z.unknown(),
                }),
                (err: unknown) => {
                    assert.ok(err instanceof UiPathError);
                    seen = err;
                    return true;
                },
            );
            assert.equal(seen?.errorCode, 1100);
            assert.match(seen?.traceId ?? "", /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
            assert.equal(seen?.method, "GET");
            assert.equal(
                seen?.path,
                `/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered`,
            );
            assert.ok(seen?.message.endsWith(`(trace id ${seen.traceId})`));
        } finally {
            await emulator.close();
        }
    });
});
