/**
 * The HTTP client against the emulator over real HTTP: retries and their
 * limits, Retry-After, token refresh on 401, response-shape checks, and the
 * mapping of refusals to errors.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { ManualClock, startEmulator, type Emulator } from "../../emulator";
import { UiPathClient } from "../../provider/runtime/client";
import { resolveConnection } from "../../provider/runtime/connection";
import { getApiAccess, getProductKey, regenerateProductKey } from "../../provider/runtime/endpoints";
import { AuthenticationError, PermissionError, RetryExhaustedError, UiPathError, UnexpectedResponseError } from "../../provider/runtime/errors";
import { tokenStats } from "../../provider/runtime/tokens";
import { Api, DEMO } from "../emulator/helpers";

const T0 = Date.parse("2027-01-01T00:00:00Z");

function clientFor(emulator: Emulator, options: { clock?: { now(): number }; accessToken?: string; clientId?: string } = {}): UiPathClient {
    const connection = resolveConnection(
        options.accessToken
            ? { baseUrl: emulator.url, organization: DEMO.org, accessToken: options.accessToken }
            : { baseUrl: emulator.url, organization: DEMO.org, clientId: options.clientId ?? DEMO.clientId, clientSecret: DEMO.clientSecret },
        undefined,
        {},
    );
    return new UiPathClient(connection, { clock: options.clock, retryBaseMs: 5, timeoutMs: 5_000 });
}

describe("UiPathClient", () => {
    let emulator: Emulator;
    let api: Api;
    const clock = new ManualClock(T0);
    before(async () => {
        emulator = await startEmulator({ clock, tokenTtlSeconds: 3600 });
        api = new Api(emulator.url);
    });
    after(() => emulator.close());
    beforeEach(async () => {
        await api.request("DELETE", "/__emulator/faults");
    });

    const attempts = (pattern: RegExp, from: number) => emulator.audit().slice(from).filter((e) => pattern.test(e.path)).length;
    const setFaults = async (faults: unknown[]) => assert.equal((await api.request("PUT", "/__emulator/faults", { json: { faults } })).status, 200);

    it("retries a read answered 503 and then succeeds", async () => {
        const client = clientFor(emulator, { clock });
        await setFaults([{ method: "GET", path: "documentUnderstanding$", status: 503, count: 2 }]);
        const from = emulator.audit().length;
        const key = await getProductKey(client, "documentUnderstanding");
        assert.ok(key.length > 10);
        assert.equal(attempts(/documentUnderstanding$/, from), 3);
    });

    it("gives up after the retry limit with an error that says so", async () => {
        const client = clientFor(emulator, { clock });
        await setFaults([{ method: "GET", path: "computerVision$", status: 503 }]);
        await assert.rejects(getProductKey(client, "computerVision"), (err: unknown) => {
            assert.ok(err instanceof RetryExhaustedError);
            assert.match(err.message, /answered 503 after 4 retries/);
            return true;
        });
    });

    it("honours Retry-After on 429", async () => {
        const client = clientFor(emulator, { clock });
        await setFaults([{ method: "GET", path: "documentUnderstanding$", status: 429, retryAfterSeconds: 1, count: 1 }]);
        const started = Date.now();
        await getProductKey(client, "documentUnderstanding");
        assert.ok(Date.now() - started >= 950, "waited for Retry-After before retrying");
    });

    it("never repeats a regeneration whose connection was reset: it may have happened", async () => {
        const client = clientFor(emulator, { clock });
        await getProductKey(client, "documentUnderstanding"); // token cached
        await setFaults([{ method: "POST", path: "regenerate$", reset: true, count: 1 }]);
        const from = emulator.audit().length;
        await assert.rejects(regenerateProductKey(client, "documentUnderstanding"), (err: unknown) => {
            assert.ok(err instanceof UiPathError);
            assert.equal(err.code, "NETWORK");
            assert.match(err.message, /may or may not have taken effect/);
            return true;
        });
        assert.equal(attempts(/regenerate$/, from), 1);
    });

    it("retries a regeneration refused with 429, since the server did nothing", async () => {
        const client = clientFor(emulator, { clock });
        const before = await getProductKey(client, "computerVision");
        await setFaults([{ method: "POST", path: "regenerate$", status: 429, retryAfterSeconds: 0, count: 1 }]);
        const from = emulator.audit().length;
        const after = await regenerateProductKey(client, "computerVision");
        assert.notEqual(after, before);
        assert.equal(attempts(/regenerate$/, from), 2);
    });

    it("fetches a new token once when the cached one is refused with 401", async () => {
        // The provider believes its token is fresh; the emulator has moved past its expiry.
        const providerClock = { now: () => T0 };
        const client = clientFor(emulator, { clock: providerClock, clientId: DEMO.clientId });
        await getProductKey(client, "documentUnderstanding");
        const fetchedBefore = tokenStats.fetched;
        clock.advance(2 * 3600 * 1000);
        try {
            await getProductKey(client, "documentUnderstanding");
            assert.equal(tokenStats.fetched, fetchedBefore + 1);
        } finally {
            clock.set(T0);
        }
    });

    it("shares one token between clients of the same application", async () => {
        clientFor(emulator, { clock });
        await getProductKey(clientFor(emulator, { clock }), "documentUnderstanding");
        const fetched = tokenStats.fetched;
        await Promise.all([1, 2, 3].map(() => getProductKey(clientFor(emulator, { clock }), "computerVision")));
        assert.equal(tokenStats.fetched, fetched);
    });

    it("maps refusals to errors a user can act on", async () => {
        await assert.rejects(getProductKey(clientFor(emulator, { accessToken: DEMO.viewerPat }), "documentUnderstanding"), PermissionError);
        await assert.rejects(getProductKey(clientFor(emulator, { accessToken: "not-a-token" }), "documentUnderstanding"), (err: unknown) => {
            assert.ok(err instanceof AuthenticationError);
            assert.ok(!err.message.includes("not-a-token"), "the token is not in the message");
            return true;
        });
        await assert.rejects(getApiAccess(clientFor(emulator, { accessToken: DEMO.assignedPat }), "NoSuchTenant", "orchestrator"), /no such tenant/);
    });
});

describe("response shape checks", () => {
    let server: http.Server;
    let url: string;
    before(async () => {
        server = http.createServer((req, res) => {
            res.setHeader("content-type", "application/json");
            res.end(req.url?.includes("computerVision") ? "not json" : JSON.stringify({ userKey: 12345, tenantName: "t", leakedKey: "secret-value-123" }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const client = () => new UiPathClient(resolveConnection({ baseUrl: url, organization: "o", accessToken: "t0k3n" }, undefined, {}), { retryBaseMs: 5 });

    it("a changed shape is a clear error naming the fields, never their values", async () => {
        await assert.rejects(getApiAccess(client(), "t", "orchestrator"), (err: unknown) => {
            assert.ok(err instanceof UnexpectedResponseError);
            assert.match(err.message, /unexpected shape \(userKey: .*accountLogicalName/);
            assert.ok(!err.message.includes("12345") && !err.message.includes("secret-value-123"));
            return true;
        });
    });

    it("a body that is not JSON is a clear error", async () => {
        await assert.rejects(getProductKey(client(), "computerVision"), /not JSON/);
    });
});
