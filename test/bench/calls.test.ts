/** The bench's counting of emulator requests: by route pattern, 429s, and where two runs' calls differ. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuditEntry } from "../../emulator";
import { countCalls, routeDifferences, routeOf } from "../../bench/calls";

const entry = (method: string, path: string, status = 200, mutating = false): AuditEntry => ({
    time: "2025-01-01T00:00:00.000Z",
    method,
    path,
    caller: "app:bench-client",
    org: "bench",
    status,
    mutating,
    traceId: `${method}${path}${status}${Math.random()}`,
});

const PG = "3def35f5-b99b-41fc-9712-821f44afd90c";

describe("bench call counting", () => {
    it("names a request by its method and the emulator's route pattern, whatever its ids", () => {
        assert.equal(
            routeOf("GET", `/bench-o1/identity_/api/ExternalClient/${PG}/bench-app-7`),
            routeOf("GET", `/bench-o2/identity_/api/ExternalClient/${PG}/bench-app-9`),
        );
        assert.match(routeOf("GET", `/bench/identity_/api/ExternalClient/${PG}/bench-app-7`), /^GET \/:org\//);
        assert.notEqual(
            routeOf("GET", "/bench/t0/orchestrator_/odata/Assets(2)"),
            routeOf("DELETE", "/bench/t0/orchestrator_/odata/Assets(2)"),
        );
        assert.equal(routeOf("GET", "/nowhere"), "GET /nowhere (no route)");
    });

    it("counts totals, tokens, mutating calls, 429s and calls per route", () => {
        const calls = countCalls([
            entry("POST", "/bench/identity_/connect/token"),
            entry("GET", `/bench/identity_/api/ExternalClient/${PG}/a`),
            entry("GET", `/bench/identity_/api/ExternalClient/${PG}/b`, 429),
            entry("GET", `/bench/identity_/api/ExternalClient/${PG}/b`),
            entry("POST", "/bench/identity_/api/ExternalClient/GenerateSecret", 200, true),
        ]);
        assert.equal(calls.total, 5);
        assert.equal(calls.token, 1);
        assert.equal(calls.mutating, 1);
        assert.equal(calls.tooMany, 1);
        assert.deepEqual(Object.values(calls.byRoute).sort(), [1, 1, 3]);
        assert.equal(calls.byRoute[routeOf("GET", `/bench/identity_/api/ExternalClient/${PG}/a`)], 3);
    });

    it("lists the routes where two runs made different numbers of calls", () => {
        assert.deepEqual(routeDifferences({ "GET /a": 2, "POST /b": 1 }, { "GET /a": 2, "POST /b": 1 }), []);
        assert.deepEqual(routeDifferences({ "GET /a": 2 }, { "GET /a": 1, "POST /b": 1 }), [
            "GET /a 2/1",
            "POST /b 0/1",
        ]);
    });
});
