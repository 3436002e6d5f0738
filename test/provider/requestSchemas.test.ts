/**
 * Every Identity request checks its answer against a schema built once, at load. zod compiles an
 * object schema on its first parse; one built inside the call (`secretDto.extend(...)` did) was
 * compiled again for every request: about 70 KB of garbage each (zod's allocations in `up` of
 * 300 secrets fell from 28 to 7 MiB once it was built once; `npm run bench:heap`, CONTRIBUTING.md).
 * Each function here is called twice through a client that records the request and refuses it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UiPathClient } from "../../provider/runtime/http/client";
import type { RequestSpec } from "../../provider/runtime/http/request";
import {
    createFederatedCredential,
    deleteFederatedCredential,
    getFederatedCredential,
    listFederatedCredentials,
    updateFederatedCredential,
} from "../../provider/runtime/identity/federatedCredentialsApi";
import {
    clientSecretAccepted,
    createClient,
    deleteClient,
    deleteSecret,
    generateSecret,
    getClient,
    readClient,
    scopeCatalog,
    updateClient,
    type Identity,
} from "../../provider/runtime/identity/identityApi";

const refused = new Error("recorded, not sent");

/** An Identity whose client records each request's schema and refuses it; no shared read is kept. */
function recordingIdentity(schemas: unknown[]): Identity {
    const client = {
        organizationPath: "org",
        connection: { organization: "org" },
        shared: <T>(_what: string, load: () => Promise<T>) => load(),
        async send<T>(spec: RequestSpec<T>): Promise<never> {
            schemas.push(spec.schema);
            throw refused;
        },
    };
    return { client: client as unknown as UiPathClient, partitionGlobalId: "pg" };
}

const fields = { name: "n", redirectUri: null, applicationScopes: ["OR.Assets"], userScopes: [] };
const credential = { name: "ci", description: null, issuer: "https://issuer", audience: "aud", subject: "sub" };

const calls: Record<string, (id: Identity) => Promise<unknown>> = {
    scopeCatalog: (id) => scopeCatalog(id),
    getClient: (id) => getClient(id, "app"),
    readClient: (id) => readClient(id, "app"),
    createClient: (id) => createClient(id, { ...fields, isConfidential: true }),
    updateClient: (id) => updateClient(id, "app", fields),
    deleteClient: (id) => deleteClient(id, "app"),
    generateSecret: (id) => generateSecret(id, "app", "rotation", null),
    deleteSecret: (id) => deleteSecret(id, 7),
    clientSecretAccepted: (id) => clientSecretAccepted(id, "app", "s3cret"),
    listFederatedCredentials: (id) => listFederatedCredentials(id, "app"),
    getFederatedCredential: (id) => getFederatedCredential(id, "app", "fc"),
    createFederatedCredential: (id) => createFederatedCredential(id, "app", credential),
    updateFederatedCredential: (id) => updateFederatedCredential(id, "app", "fc", credential),
    deleteFederatedCredential: (id) => deleteFederatedCredential(id, "app", "fc"),
};

describe("Identity request schemas", () => {
    for (const [name, call] of Object.entries(calls)) {
        it(`${name} checks its answer with a schema built once, not per request`, async () => {
            const first: unknown[] = [];
            const second: unknown[] = [];
            await assert.rejects(call(recordingIdentity(first)), (err) => err === refused);
            await assert.rejects(call(recordingIdentity(second)), (err) => err === refused);
            assert.ok(first.length > 0, "the call sent a request");
            assert.equal(second.length, first.length);
            first.forEach((schema, i) => assert.equal(second[i], schema, `request ${i + 1}'s schema was built again`));
        });
    }
});
