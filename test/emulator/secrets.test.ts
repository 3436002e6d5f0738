/** Client secrets of external applications: generate, several at once, delete, expire. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO_SEED } from "../../emulator";
import { DEMO, errorCode, field, withEmulator, type Api } from "./helpers";

const APPS = `/${DEMO.org}/identity_/api/ExternalClient`;

function generate(api: Api, body: Record<string, unknown> = {}) {
    return api.post(`${APPS}/GenerateSecret`, {
        token: DEMO.adminPat,
        json: {
            partitionGlobalId: DEMO.pg,
            clientId: DEMO.clientId,
            description: "rotation",
            expiryTime: null,
            ...body,
        },
    });
}

async function tokenStatus(api: Api, secret: string): Promise<number> {
    const res = await api.post(`/${DEMO.org}/identity_/connect/token`, {
        form: { grant_type: "client_credentials", client_id: DEMO.clientId, client_secret: secret },
    });
    return res.status;
}

describe("generating secrets", () => {
    it("returns the new secret with integer id and ISO times", () =>
        withEmulator(async ({ api }) => {
            const res = await generate(api, { expiryTime: "2025-06-01T00:00:00Z" });
            assert.equal(res.status, 200);
            const body = res.body as Record<string, unknown>;
            assert.deepEqual(Object.keys(body), ["id", "description", "secret", "creationTime", "expiryTime"]);
            assert.ok(Number.isInteger(body.id));
            assert.equal(body.description, "rotation");
            assert.equal(body.creationTime, "2025-01-01T00:00:00.000Z");
            assert.equal(body.expiryTime, "2025-06-01T00:00:00.000Z");
        }));

    it("keeps the primary and every generated secret valid at once", () =>
        withEmulator(async ({ api }) => {
            const a = field((await generate(api)).body, "secret");
            const b = field((await generate(api)).body, "secret");
            for (const secret of [DEMO.clientSecret, a, b]) assert.equal(await tokenStatus(api, secret), 200);
        }));

    it("lists generated secrets on the app without their values", () =>
        withEmulator(async ({ api }) => {
            const generated = await generate(api);
            const app = await api.get(`${APPS}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat });
            const secrets = (app.body as { secrets: Array<Record<string, unknown>> }).secrets;
            assert.deepEqual(
                secrets.map((s) => s.id),
                [1, (generated.body as { id: number }).id],
            );
            assert.ok(secrets.every((s) => s.secret === null));
        }));

    it("expires a secret on the emulator clock", () =>
        withEmulator(async ({ api, clock }) => {
            const secret = field((await generate(api, { expiryTime: "2025-01-01T01:00:00Z" })).body, "secret");
            assert.equal(await tokenStatus(api, secret), 200);
            clock.advance(3600_000);
            assert.equal(await tokenStatus(api, secret), 400);
            assert.equal(await tokenStatus(api, DEMO.clientSecret), 200);
        }));

    it("refuses an expiry in the past or not a date", () =>
        withEmulator(async ({ api }) => {
            const past = await generate(api, { expiryTime: "2024-12-31T00:00:00Z" });
            assert.equal(past.status, 400);
            assert.ok("expiryTime" in (past.body as { errors: object }).errors);
            const junk = await generate(api, { expiryTime: "next tuesday" });
            assert.equal(junk.status, 400);
            assert.ok("expiryTime" in (junk.body as { errors: object }).errors);
        }));

    it("refuses a wrong partition, an unknown app and a missing clientId", () =>
        withEmulator(async ({ api }) => {
            assert.ok(
                "partitionGlobalId" in
                    ((await generate(api, { partitionGlobalId: "x" })).body as { errors: object }).errors,
            );
            const unknown = await generate(api, { clientId: "nope" });
            assert.equal(unknown.status, 404);
            assert.equal(errorCode(unknown), "ExternalApplicationNotFound");
            const missing = await generate(api, { clientId: undefined });
            assert.deepEqual(missing.body, { errors: { clientId: ["The clientId field is required."] } });
        }));

    it("needs PM.OAuthApp, PM.OAuthApp.Write or PM.OAuthAppSecret.Write for an app", () =>
        withEmulator(async ({ api }) => {
            const created = await api.post(APPS, {
                token: DEMO.adminPat,
                json: {
                    partitionGlobalId: DEMO.pg,
                    name: "reader",
                    isConfidential: true,
                    scopes: [{ name: "PM.OAuthApp.Read", type: 1 }],
                },
            });
            const token = await api.appToken(DEMO.org, field(created.body, "id"), field(created.body, "secret"));
            const res = await api.post(`${APPS}/GenerateSecret`, {
                token,
                json: { partitionGlobalId: DEMO.pg, clientId: DEMO.clientId },
            });
            assert.equal(errorCode(res), "InsufficientScope");
            assert.match((res.body as { message: string }).message, /PM\.OAuthAppSecret\.Write/);
        }));

    it("GET .../{clientId}/GenerateSecret answers the new secret as a JSON string, recorded without description or expiry", () =>
        withEmulator(async ({ api, emu }) => {
            const res = await api.get(`${APPS}/${DEMO.pg}/${DEMO.clientId}/GenerateSecret`, { token: DEMO.adminPat });
            assert.equal(res.status, 200);
            assert.equal(typeof res.body, "string");
            assert.equal(await tokenStatus(api, res.body as string), 200);
            const app = await api.get(`${APPS}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat });
            const last = (app.body as { secrets: Array<Record<string, unknown>> }).secrets.at(-1)!;
            assert.deepEqual([last.description, last.expiryTime, last.secret], [null, null, null]);
            const audited = emu.audit().find((e) => e.path.endsWith("/GenerateSecret"));
            assert.equal(audited?.mutating, true, "a GET that creates a secret is audited as mutating");
        }));
});

describe("deleting secrets", () => {
    it("answers 204 and the deleted secret stops working at once", () =>
        withEmulator(async ({ api }) => {
            const generated = (await generate(api)).body as { id: number; secret: string };
            const del = await api.delete(`${APPS}/${DEMO.pg}/secrets/${generated.id}`, { token: DEMO.adminPat });
            assert.equal(del.status, 204);
            assert.equal(await tokenStatus(api, generated.secret), 400);
            assert.equal(await tokenStatus(api, DEMO.clientSecret), 200);
        }));

    it("can delete the primary secret too", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await api.delete(`${APPS}/${DEMO.pg}/secrets/1`, { token: DEMO.adminPat })).status, 204);
            assert.equal(await tokenStatus(api, DEMO.clientSecret), 400);
        }));

    it("answers 404 SecretNotFound for an unknown id, 400 for an id that is not an integer or a partition that is not a GUID", () =>
        withEmulator(async ({ api }) => {
            const unknown = await api.delete(`${APPS}/${DEMO.pg}/secrets/999`, { token: DEMO.adminPat });
            assert.equal(unknown.status, 404);
            assert.equal(errorCode(unknown), "SecretNotFound");
            const notInt = await api.delete(`${APPS}/${DEMO.pg}/secrets/abc`, { token: DEMO.adminPat });
            assert.deepEqual(notInt.body, { errors: { secretId: ["The value 'abc' is not valid."] } });
            const wrong = await api.delete(`${APPS}/not-the-pg/secrets/1`, { token: DEMO.adminPat });
            assert.deepEqual(wrong.body, { errors: { partitionGlobalId: ["The value 'not-the-pg' is not valid."] } });
        }));
});

describe("propagation delay (the seed's wire.secretPropagationMs)", () => {
    const delayed = { config: { ...DEMO_SEED, wire: { secretPropagationMs: 60_000 } } };

    it("refuses a new secret with invalid_client until the delay has passed on the emulator's clock; seeded secrets work at once", () =>
        withEmulator(delayed, async ({ api, clock }) => {
            const secret = field((await generate(api)).body, "secret");
            const refused = await api.post(`/${DEMO.org}/identity_/connect/token`, {
                form: { grant_type: "client_credentials", client_id: DEMO.clientId, client_secret: secret },
            });
            assert.equal(refused.status, 400);
            assert.equal((refused.body as { error?: string }).error, "invalid_client", "as for a wrong secret");
            assert.equal(await tokenStatus(api, DEMO.clientSecret), 200, "the seeded secret is not delayed");
            clock.advance(59_999);
            assert.equal(await tokenStatus(api, secret), 400);
            clock.advance(1);
            assert.equal(await tokenStatus(api, secret), 200);
        }));

    it("delays a new app's first secret too, and nothing without the option", async () => {
        await withEmulator(delayed, async ({ api, clock }) => {
            const created = await api.post(APPS, {
                token: DEMO.adminPat,
                json: { partitionGlobalId: DEMO.pg, name: "new", isConfidential: true, scopes: [] },
            });
            assert.equal(created.status, 201);
            const app = created.body as { id: string; secret: string };
            const status = async () =>
                (
                    await api.post(`/${DEMO.org}/identity_/connect/token`, {
                        form: { grant_type: "client_credentials", client_id: app.id, client_secret: app.secret },
                    })
                ).status;
            assert.equal(await status(), 400);
            clock.advance(60_000);
            assert.equal(await status(), 200);
        });
        await withEmulator(async ({ api }) => {
            assert.equal(await tokenStatus(api, field((await generate(api)).body, "secret")), 200);
        });
    });
});
