import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { retryDelayMs } from "../../provider/runtime/http/retry";

const now = Date.parse("2027-01-01T00:00:00Z");

describe("retryDelayMs", () => {
    it("waits as long as Retry-After says, in seconds", () => {
        assert.equal(retryDelayMs({ attempt: 1, retryAfter: "3", now, random: 0.5 }), 3000);
    });

    it("understands Retry-After as an HTTP date", () => {
        const in5s = new Date(now + 5000).toUTCString();
        assert.equal(retryDelayMs({ attempt: 1, retryAfter: in5s, now, random: 0.5 }), 5000);
    });

    it("waits a Retry-After up to Identity's five-minute window, and no longer", () => {
        assert.equal(retryDelayMs({ attempt: 1, retryAfter: "240", now, random: 0 }), 240_000);
        assert.equal(retryDelayMs({ attempt: 1, retryAfter: "3600", now, random: 0 }), 300_000);
        assert.equal(retryDelayMs({ attempt: 1, retryAfter: "3600", now, random: 0, retryAfterMaxMs: 5_000 }), 5_000);
    });

    it("caps the backoff without Retry-After apart from Retry-After", () => {
        assert.equal(retryDelayMs({ attempt: 20, now, random: 1, baseMs: 100 }), 30_000);
    });

    it("backs off exponentially with jitter when the server gives no hint", () => {
        const delays = [1, 2, 3, 4].map((attempt) => retryDelayMs({ attempt, now, random: 1, baseMs: 100 }));
        assert.deepEqual(delays, [100, 200, 400, 800]);
        assert.equal(retryDelayMs({ attempt: 3, now, random: 0, baseMs: 100 }), 200, "jitter spans the upper half");
    });

    it("ignores a Retry-After it cannot read", () => {
        assert.equal(retryDelayMs({ attempt: 1, retryAfter: "soon", now, random: 1, baseMs: 100 }), 100);
    });
});
