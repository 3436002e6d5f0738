/**
 * The documented-route suite: tokens, external applications, their secrets and federated
 * credentials, written once and
 * run against two targets (as Azurite's tests run against Azurite or Azure):
 *  - the emulator, in `npm test` (test/emulator/documentedRoutes.test.ts);
 *  - a real organization, in `npm run test:live` (test/live/documentedRoutes.live.ts).
 * It asserts only what UiPath documents (or its own clients show): paths, statuses, field names.
 * Everything it creates is named `<prefix>-…` and deleted at the end, even after a failure.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

export interface Target {
    /** e.g. https://cloud.uipath.com */
    baseUrl: string;
    organization: string;
    /** An external application with PM.OAuthApp (application scope) in that organization. */
    clientId: string;
    clientSecret: string;
    /**
     * Federated credentials: the issuer a credential is registered with (UiPath must reach its
     * JWKS; default GitHub Actions' issuer) and, where the target can mint that issuer's tokens,
     * how (the emulator's test issuers can; a live run skips the sign-in).
     */
    federation?: { issuer: string; mint?: (subject: string, audience: string) => Promise<string> };
}

/** GitHub Actions' OpenID issuer: public, so UiPath's JWKS check on create passes in a live run. */
const GITHUB_ACTIONS_ISSUER = "https://token.actions.githubusercontent.com";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** What this suite's runs call the things they create, so a person (or a later run) can tell them apart. */
export const LIVE_PREFIX = "pulumi-uipath-keys-live";

interface Response {
    status: number;
    body: unknown;
}

async function call(
    url: string,
    init: { method: string; token?: string; json?: unknown; form?: Record<string, string> },
): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json" };
    let body: string | undefined;
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(init.json);
    }
    if (init.form) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method, headers, body });
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text.length > 0) {
        try {
            parsed = JSON.parse(text);
        } catch {
            parsed = text;
        }
    }
    return { status: res.status, body: parsed };
}

/** The JWT payload, decoded without a signature check (as UiPath's SDKs read `prt_id`). */
function claims(jwt: string): Record<string, unknown> {
    const part = jwt.split(".")[1];
    assert.ok(part, "the access token is a JWT");
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function documentedRouteSuite(
    targetName: string,
    target: () => Promise<Target>,
    done: () => Promise<void> = async () => undefined,
): void {
    describe(`documented routes (${targetName})`, () => {
        let t: Target;
        let token = "";
        let pg = "";
        const run = `${LIVE_PREFIX}-${randomBytes(4).toString("hex")}`;
        const created: string[] = [];
        const api = (path: string) => `${t.baseUrl}/${encodeURIComponent(t.organization)}/identity_/api${path}`;
        const tokenAt = (url: string, form: Record<string, string>) => call(url, { method: "POST", form });

        before(async () => {
            t = await target();
        });

        after(async () => {
            // Delete what this run created, and only that, whatever happened above.
            try {
                if (token && pg) {
                    const list = await call(api(`/ExternalClient/${pg}`), { method: "GET", token });
                    const ours = Array.isArray(list.body)
                        ? (list.body as Array<{ id?: string; name?: string }>)
                              .filter((a) => a.name?.startsWith(run))
                              .map((a) => a.id ?? "")
                        : [];
                    for (const id of new Set([...created, ...ours])) {
                        if (id)
                            await call(api(`/ExternalClient/${pg}/${encodeURIComponent(id)}`), {
                                method: "DELETE",
                                token,
                            });
                    }
                }
            } finally {
                await done();
            }
        });

        it("client credentials at the org-scoped token endpoint: 200, Bearer, a JWT naming the app and the org", async () => {
            const res = await tokenAt(`${t.baseUrl}/${encodeURIComponent(t.organization)}/identity_/connect/token`, {
                grant_type: "client_credentials",
                client_id: t.clientId,
                client_secret: t.clientSecret,
            });
            assert.equal(res.status, 200, JSON.stringify(res.body));
            const body = res.body as Record<string, unknown>;
            assert.equal(body.token_type, "Bearer");
            assert.equal(typeof body.expires_in, "number");
            assert.equal(typeof body.scope, "string");
            token = String(body.access_token);
            const c = claims(token);
            assert.equal(c.sub, t.clientId);
            assert.equal(c.sub_type, "service.external");
            assert.match(String(c.prt_id), GUID);
            assert.equal(typeof c.exp, "number");
            pg = String(c.prt_id);
        });

        it("client credentials at the host-level token endpoint work too", async () => {
            const res = await tokenAt(`${t.baseUrl}/identity_/connect/token`, {
                grant_type: "client_credentials",
                client_id: t.clientId,
                client_secret: t.clientSecret,
            });
            assert.equal(res.status, 200, JSON.stringify(res.body));
            assert.equal(claims(String((res.body as { access_token: string }).access_token)).prt_id, pg);
        });

        it("a wrong secret is 400 invalid_client; no grant_type is 400 unsupported_grant_type", async () => {
            const url = `${t.baseUrl}/${encodeURIComponent(t.organization)}/identity_/connect/token`;
            const wrong = await tokenAt(url, {
                grant_type: "client_credentials",
                client_id: t.clientId,
                client_secret: `wrong-${randomBytes(8).toString("hex")}`,
            });
            assert.equal(wrong.status, 400);
            assert.equal((wrong.body as { error: string }).error, "invalid_client");
            const none = await tokenAt(url, { client_id: t.clientId, client_secret: t.clientSecret });
            assert.equal(none.status, 400);
            assert.equal((none.body as { error: string }).error, "unsupported_grant_type");
        });

        it("an external application: created (201), read, listed, renamed (200), its secrets generated and deleted, then deleted (204)", async () => {
            assert.ok(token && pg, "a token was obtained above");
            const name = `${run}-app`;
            const create = await call(api("/ExternalClient"), {
                method: "POST",
                token,
                json: {
                    partitionGlobalId: pg,
                    name,
                    isConfidential: true,
                    redirectUri: null,
                    scopes: [{ name: "OR.Jobs.Read", type: 1 }],
                },
            });
            assert.equal(create.status, 201, JSON.stringify(create.body));
            const app = create.body as Record<string, unknown>;
            const id = String(app.id);
            created.push(id);
            for (const field of ["name", "id", "secret", "isConfidential", "redirectUri", "resources"])
                assert.ok(field in app, `ExternalClientDto has ${field}`);
            assert.equal(app.name, name);
            assert.equal(typeof app.secret, "string");

            const one = await call(api(`/ExternalClient/${pg}/${encodeURIComponent(id)}`), { method: "GET", token });
            assert.equal(one.status, 200);
            assert.equal((one.body as { id: string }).id, id);
            const list = await call(api(`/ExternalClient/${pg}`), { method: "GET", token });
            assert.equal(list.status, 200);
            assert.ok((list.body as Array<{ id: string }>).some((a) => a.id === id));

            const renamed = `${run}-renamed`;
            const update = await call(api(`/ExternalClient/${pg}/${encodeURIComponent(id)}`), {
                method: "PUT",
                token,
                json: { name: renamed },
            });
            assert.equal(update.status, 200);
            assert.equal(
                (
                    (await call(api(`/ExternalClient/${pg}/${encodeURIComponent(id)}`), { method: "GET", token }))
                        .body as { name: string }
                ).name,
                renamed,
            );

            const generated = await call(api("/ExternalClient/GenerateSecret"), {
                method: "POST",
                token,
                json: { clientId: id, description: `${run}-secret`, partitionGlobalId: pg, expiryTime: null },
            });
            assert.equal(generated.status, 200, JSON.stringify(generated.body));
            const secret = generated.body as {
                id: number;
                secret: string;
                description: string | null;
                creationTime: string;
                expiryTime: string | null;
            };
            assert.ok(Number.isInteger(secret.id));
            assert.equal(typeof secret.secret, "string");
            assert.ok(!Number.isNaN(Date.parse(secret.creationTime)));
            const withNew = await tokenAt(`${t.baseUrl}/identity_/connect/token`, {
                grant_type: "client_credentials",
                client_id: id,
                client_secret: secret.secret,
            });
            assert.equal(withNew.status, 200, "the generated secret authenticates");

            const deleted = await call(api(`/ExternalClient/${pg}/secrets/${secret.id}`), { method: "DELETE", token });
            assert.equal(deleted.status, 204);
            const withDeleted = await tokenAt(`${t.baseUrl}/identity_/connect/token`, {
                grant_type: "client_credentials",
                client_id: id,
                client_secret: secret.secret,
            });
            assert.equal(withDeleted.status, 400, "a deleted secret no longer authenticates");

            const gone = await call(api(`/ExternalClient/${pg}/${encodeURIComponent(id)}`), {
                method: "DELETE",
                token,
            });
            assert.equal(gone.status, 204);
            created.splice(created.indexOf(id), 1);
            assert.notEqual(
                (await call(api(`/ExternalClient/${pg}/${encodeURIComponent(id)}`), { method: "GET", token })).status,
                200,
            );
        });

        // FC: https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/external-client-federated-credentials
        // (list route, its scopes, 200 with an array of FederatedCredentialDto whose example begins id, clientId,
        // name, description; the page lists create, retrieve, update and delete, whose verbs are modeled here).
        // FA: https://docs.uipath.com/test-cloud/automation-cloud/latest/admin-guide/managing-federated-identity-credentials
        // (the token form: grant_type, client_id, client_assertion, client_assertion_type, at the host-level endpoint).
        it("federated credentials: listed as FederatedCredentialDto (id, clientId, name, description), created, read, updated and deleted (verbs modeled); the documented assertion form signs in", async () => {
            assert.ok(token && pg, "a token was obtained above");
            const app = await call(api("/ExternalClient"), {
                method: "POST",
                token,
                json: {
                    partitionGlobalId: pg,
                    name: `${run}-federated`,
                    isConfidential: true,
                    redirectUri: null,
                    scopes: [{ name: "OR.Jobs.Read", type: 1 }],
                },
            });
            assert.equal(app.status, 201, JSON.stringify(app.body));
            const appId = String((app.body as { id: string }).id);
            created.push(appId);
            const credentials = api(`/ExternalClient/${pg}/${encodeURIComponent(appId)}/FederatedCredentials`);
            const none = await call(credentials, { method: "GET", token });
            assert.equal(none.status, 200, JSON.stringify(none.body));
            assert.deepEqual(none.body, [], "an empty array when no credential is registered");

            // No GitHub token has this subject (GitHub's begin with repo:): the credential lets no one in while it lives.
            const subject = `${run}:documented-routes`;
            const audience = `${run}-audience`;
            const fields = {
                name: `${run}-credential`,
                description: "created by the documented-route suite",
                issuer: t.federation?.issuer ?? GITHUB_ACTIONS_ISSUER,
                audience,
                subject,
            };
            const made = await call(credentials, { method: "POST", token, json: fields });
            assert.ok(made.status >= 200 && made.status < 300, `create: ${made.status} ${JSON.stringify(made.body)}`);
            const listed = await call(credentials, { method: "GET", token });
            assert.equal(listed.status, 200);
            const [dto] = listed.body as Array<Record<string, unknown>>;
            assert.ok(dto, "the list holds the new credential");
            assert.match(String(dto.id), GUID);
            assert.equal(dto.clientId, appId);
            assert.equal(dto.name, fields.name);
            assert.equal(dto.description, fields.description);
            const one = api(
                `/ExternalClient/${pg}/${encodeURIComponent(appId)}/FederatedCredentials/${String(dto.id)}`,
            );
            const read = await call(one, { method: "GET", token });
            assert.equal(read.status, 200, JSON.stringify(read.body));
            assert.equal((read.body as { id: string }).id, dto.id);

            const mint = t.federation?.mint;
            if (mint) {
                const signedIn = await tokenAt(`${t.baseUrl}/identity_/connect/token`, {
                    grant_type: "client_credentials",
                    client_id: appId,
                    client_assertion: await mint(subject, audience),
                    client_assertion_type: JWT_BEARER,
                });
                assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
                const body = signedIn.body as Record<string, unknown>;
                assert.equal(body.token_type, "Bearer");
                assert.equal(body.expires_in, 3600, "tokens issued through a federated credential live one hour");
                assert.equal(claims(String(body.access_token)).sub, appId);
            }

            const updated = await call(one, {
                method: "PUT",
                token,
                json: { ...fields, description: `${run}-updated` },
            });
            assert.ok(updated.status >= 200 && updated.status < 300, `update: ${updated.status}`);
            assert.equal(
                ((await call(one, { method: "GET", token })).body as { description: string }).description,
                `${run}-updated`,
            );
            const deleted = await call(one, { method: "DELETE", token });
            assert.ok(deleted.status >= 200 && deleted.status < 300, `delete: ${deleted.status}`);
            assert.deepEqual((await call(credentials, { method: "GET", token })).body, []);
        });
    });
}
