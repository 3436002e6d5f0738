/**
 * The rotation report's webhook: a receiver that answers 5xx or 429 is tried again, with
 * backoff; another 4xx is final; the outcome names the receiver by origin only.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { it } from "node:test";
import { notify } from "../../cli/rotate/notify";

/** A receiver that answers each request with the next status of `statuses`, keeping the bodies. */
async function withReceiver(statuses: number[], test: (url: URL, bodies: string[]) => Promise<void>): Promise<void> {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk));
        req.on("end", () => {
            bodies.push(body);
            res.writeHead(statuses[bodies.length - 1] ?? 204).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
        const { port } = server.address() as AddressInfo;
        await test(new URL(`http://127.0.0.1:${port}/hook/T0KEN?sig=abc`), bodies);
    } finally {
        await new Promise((resolve) => server.close(resolve));
    }
}

it("retries a receiver that answers 503 and 429, then delivers the same body", () =>
    withReceiver([503, 429, 204], async (url, bodies) => {
        const outcome = await notify(url, { ok: true }, { baseDelayMs: 10 });
        assert.deepEqual(outcome, { target: url.origin, delivered: true, attempts: 3, status: 204 });
        assert.deepEqual(bodies, ['{"ok":true}', '{"ok":true}', '{"ok":true}']);
    }));

it("gives up after the attempts, saying the last answer", () =>
    withReceiver([500, 500, 500, 500], async (url, bodies) => {
        const outcome = await notify(url, {}, { baseDelayMs: 10 });
        assert.deepEqual(outcome, {
            target: url.origin,
            delivered: false,
            attempts: 4,
            status: 500,
            error: "answered 500",
        });
        assert.equal(bodies.length, 4);
        assert.ok(!JSON.stringify(outcome).includes("T0KEN"), "the webhook's path was reported");
    }));

it("does not retry a 4xx other than 429: the receiver refused the report", () =>
    withReceiver([400], async (url, bodies) => {
        const outcome = await notify(url, {}, { baseDelayMs: 10 });
        assert.equal(outcome.delivered, false);
        assert.equal(outcome.attempts, 1);
        assert.equal(bodies.length, 1);
    }));
