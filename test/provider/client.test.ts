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
import { UiPathClient } from "../../provider/runtime/http/client";
import { resolveConnection } from "../../provider/runtime/inputs/connection";
import {
    NetworkError,
    AuthenticationError,
    PermissionError,
    RetryExhaustedError,
    ServiceUnavailableError,
    UnexpectedResponseError,
} from "../../provider/runtime/reporting/errors";
import { computerVision as cv } from "../../provider/runtime/kinds/computerVisionApiKey";
import { documentUnderstanding as du } from "../../provider/runtime/kinds/documentUnderstandingApiKey";
import { getApiAccess } from "../../provider/runtime/kinds/orchestratorApiAccess";
import { getProductKey, regenerateProductKey } from "../../provider/runtime/kinds/productApiKey";
import { TokenCache } from "../../provider/runtime/http/tokens";
import { Api, DEMO } from "../emulator/helpers";

const T0 = Date.parse("2027-01-01T00:00:00Z");

/** Tokens shared by the clients of this file, as a provider process shares them. */
const tokens = new TokenCache();

function clientFor(
    emulator: Emulator,
    options: { clock: { now(): number }; accessToken?: string; clientId?: string },
): UiPathClient {
    const connection = resolveConnection(
        options.accessToken
            ? { baseUrl: emulator.url, organization: DEMO.org, accessToken: options.accessToken }
            : {
                  baseUrl: emulator.url,
                  organization: DEMO.org,
                  clientId: options.clientId ?? DEMO.clientId,
                  clientSecret: DEMO.clientSecret,
              },
        undefined,
        {},
    );
    return new UiPathClient(connection, { clock: options.clock, tokens, retryBaseMs: 5, timeoutMs: 5_000 });
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

    const attempts = (pattern: RegExp, from: number) =>
        emulator
            .audit()
            .slice(from)
            .filter((e) => pattern.test(e.path)).length;
    const setFaults = async (faults: unknown[]) =>
        assert.equal((await api.request("PUT", "/__emulator/faults", { json: { faults } })).status, 200);

    it("retries a read answered 503 and then succeeds", async () => {
        const client = clientFor(emulator, { clock });
        await setFaults([{ method: "GET", path: "documentUnderstanding$", status: 503, count: 2 }]);
        const from = emulator.audit().length;
        const key = await getProductKey(client, du);
        assert.ok(key.length > 10);
        assert.equal(attempts(/documentUnderstanding$/, from), 3);
    });

    it("gives up after the retry limit with an error that says so", async () => {
        const client = clientFor(emulator, { clock });
        await setFaults([{ method: "GET", path: "computerVision$", status: 503 }]);
        await assert.rejects(getProductKey(client, cv), (err: unknown) => {
            assert.ok(err instanceof ServiceUnavailableError && err instanceof RetryExhaustedError);
            assert.match(err.message, /answered 503 after 4 retries/);
            return true;
        });
    });

    it("honours Retry-After on 429", async () => {
        const client = clientFor(emulator, { clock });
        await setFaults([
            { method: "GET", path: "documentUnderstanding$", status: 429, retryAfterSeconds: 1, count: 1 },
        ]);
        const started = Date.now();
        await getProductKey(client, du);
        assert.ok(Date.now() - started >= 950, "waited for Retry-After before retrying");
    });

    it("never repeats a regeneration whose connection was reset: it may have happened", async () => {
        const client = clientFor(emulator, { clock });
        await getProductKey(client, du); // token cached
        await setFaults([{ method: "POST", path: "regenerate$", reset: true, count: 1 }]);
        const from = emulator.audit().length;
        await assert.rejects(regenerateProductKey(client, du), (err: unknown) => {
            assert.ok(err instanceof NetworkError);
            assert.equal(err.code, "NETWORK");
            assert.match(err.message, /may or may not have taken effect/);
            return true;
        });
        assert.equal(attempts(/regenerate$/, from), 1);
    });

    it("retries a regeneration refused with 429, since the server did nothing", async () => {
        const client = clientFor(emulator, { clock });
        const before = await getProductKey(client, cv);
        await setFaults([{ method: "POST", path: "regenerate$", status: 429, retryAfterSeconds: 0, count: 1 }]);
        const from = emulator.audit().length;
        const after = await regenerateProductKey(client, cv);
        assert.notEqual(after, before);
        assert.equal(attempts(/regenerate$/, from), 2);
    });

    it("fetches a new token once when the cached one is refused with 401", async () => {
        // The provider believes its token is fresh; the emulator has moved past its expiry.
        const providerClock = { now: () => T0 };
        const client = clientFor(emulator, { clock: providerClock, clientId: DEMO.clientId });
        await getProductKey(client, du);
        const fetchedBefore = tokens.stats.fetched;
        clock.advance(2 * 3600 * 1000);
        try {
            await getProductKey(client, du);
            assert.equal(tokens.stats.fetched, fetchedBefore + 1);
        } finally {
            clock.set(T0);
        }
    });

    it("shares one token between clients of the same application", async () => {
        clientFor(emulator, { clock });
        await getProductKey(clientFor(emulator, { clock }), du);
        const fetched = tokens.stats.fetched;
        await Promise.all([1, 2, 3].map(() => getProductKey(clientFor(emulator, { clock }), cv)));
        assert.equal(tokens.stats.fetched, fetched);
    });

    it("maps refusals to errors a user can act on", async () => {
        await assert.rejects(
            getProductKey(clientFor(emulator, { clock, accessToken: DEMO.viewerPat }), du),
            PermissionError,
        );
        await assert.rejects(
            getProductKey(clientFor(emulator, { clock, accessToken: "not-a-token" }), du),
            (err: unknown) => {
                assert.ok(err instanceof AuthenticationError);
                assert.ok(!err.message.includes("not-a-token"), "the token is not in the message");
                return true;
            },
        );
        await assert.rejects(
            getApiAccess(clientFor(emulator, { clock, accessToken: DEMO.assignedPat }), "NoSuchTenant", "orchestrator"),
            /does not exist in organization 'demo-org' \(404, errorCode 1002\).*Tenant 'NoSuchTenant' does not exist/,
        );
    });
});

describe("response shape checks", () => {
    let server: http.Server;
    let url: string;
    before(async () => {
        server = http.createServer((req, res) => {
            res.setHeader("content-type", "application/json");
            res.end(
                req.url?.includes("computerVision")
                    ? "not json"
                    : JSON.stringify({ userKey: 12345, tenantName: "t", leakedKey: "secret-value-123" }),
            );
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const client = () =>
        new UiPathClient(resolveConnection({ baseUrl: url, organization: "o", accessToken: "t0k3n" }, undefined, {}), {
            clock: { now: () => Date.now() },
            tokens: new TokenCache(),
            retryBaseMs: 5,
        });

    it("a changed shape is a clear error naming the fields, never their values", async () => {
        await assert.rejects(getApiAccess(client(), "t", "orchestrator"), (err: unknown) => {
            assert.ok(err instanceof UnexpectedResponseError);
            assert.match(err.message, /unexpected shape \(userKey: .*accountLogicalName/);
            assert.ok(!err.message.includes("12345") && !err.message.includes("secret-value-123"));
            return true;
        });
    });

    it("a body that is not JSON is a clear error", async () => {
        await assert.rejects(getProductKey(client(), cv), /not JSON/);
    });
});
