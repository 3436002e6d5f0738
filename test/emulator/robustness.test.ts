/** Bad input never crashes the emulator and gets a well-formed error. */
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { describe, it } from "node:test";
import { DEMO, errorCode, withEmulator } from "./helpers";

const REVOKE = `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator/revoke`;
const APPS = `/${DEMO.org}/identity_/api/ExternalClient`;
const auth = { Authorization: `Bearer ${DEMO.adminPat}` };

/** Streams `total` bytes without Content-Length; resolves with the status or "reset". */
function streamBody(url: string, total: number): Promise<number | "reset"> {
    return new Promise((resolve) => {
        const req = http.request(url + APPS, {
            method: "POST",
            headers: { ...auth, "Content-Type": "application/json" },
        });
        req.on("response", (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        req.on("error", () => resolve("reset"));
        const chunk = Buffer.alloc(16 * 1024, "a");
        let sent = 0;
        const pump = (): void => {
            while (sent < total) {
                sent += chunk.length;
                if (!req.write(chunk)) {
                    req.once("drain", pump);
                    return;
                }
            }
            req.end();
        };
        pump();
    });
}

/**
 * Like many synchronous clients (Python's urllib, for one): writes the whole request, body
 * included, and only then reads. Resolves with what came back and whether any write failed.
 */
function writeAllThenRead(
    url: string,
    head: string,
    body: Buffer,
): Promise<{ response: string; writeFailed: boolean }> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        let response = "";
        let writeFailed = false;
        const socket = net.connect(Number(port), hostname, () => {
            socket.write(head);
            socket.write(body, (err) => (writeFailed ||= err != null));
        });
        socket.on("data", (d) => (response += d.toString()));
        socket.on("error", () => (writeFailed = true));
        socket.on("close", () => resolve({ response, writeFailed }));
    });
}

/** Sends raw bytes on a socket and resolves with whatever comes back. */
function rawRequest(url: string, bytes: string): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        // Half-close after writing: the server sees the client is done (or gone) at once.
        const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
        socket.setTimeout(2000, () => socket.destroy());
        let data = "";
        socket.on("data", (d) => (data += d.toString()));
        socket.on("close", () => resolve(data));
        socket.on("error", () => resolve(data));
    });
}

describe("malformed requests", () => {
    it("answers 400 InvalidRequest for malformed JSON on a portal route", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(REVOKE, {
                headers: { ...auth, "Content-Type": "application/json" },
                raw: "{not json",
            });
            assert.equal(res.status, 400);
            assert.equal(errorCode(res), "InvalidRequest");
            assert.equal(typeof (res.body as { message: unknown }).message, "string");
        }));

    it("answers an identity validation body for malformed JSON on an identity route", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(APPS, { headers: { ...auth, "Content-Type": "application/json" }, raw: "{" });
            assert.equal(res.status, 400);
            assert.deepEqual(Object.keys((res.body as { errors: object }).errors), ["body"]);
            const array = await api.post(APPS, { token: DEMO.adminPat, json: [1, 2] });
            assert.deepEqual(Object.keys((array.body as { errors: object }).errors), ["body"]);
        }));

    it("answers 415 for a wrong Content-Type on a JSON route", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(APPS, { headers: { ...auth, "Content-Type": "text/plain" }, raw: "{}" });
            assert.equal(res.status, 415);
            assert.equal(errorCode(res), "UnsupportedMediaType");
        }));

    it("answers 413 for a declared body over the limit", () =>
        withEmulator({ maxBodyBytes: 1024 }, async ({ api }) => {
            const res = await api.post(APPS, { token: DEMO.adminPat, json: { name: "x".repeat(2000) } });
            assert.equal(res.status, 413);
            assert.equal(errorCode(res), "PayloadTooLarge");
        }));

    it("answers 413 to a streamed body over the limit, without buffering it, and keeps serving", () =>
        withEmulator({ maxBodyBytes: 1024 }, async ({ api, emu }) => {
            assert.equal(await streamBody(emu.url, 8 * 1024 * 1024), 413);
            assert.equal((await api.get("/__emulator/health")).status, 200);
        }));

    it("lets a client that writes its whole oversized body before reading read the 413 (no broken pipe)", () =>
        withEmulator({ maxBodyBytes: 1024 }, async ({ emu }) => {
            const body = Buffer.alloc(8 * 1024 * 1024, "a");
            const head = `POST ${APPS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${DEMO.adminPat}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
            const { response, writeFailed } = await writeAllThenRead(emu.url, head, body);
            assert.equal(writeFailed, false, "the server read the body to its end");
            assert.match(response, /^HTTP\/1\.1 413 /);
            assert.match(response, /\r\nconnection: close\r\n/i);
            assert.match(response, /\r\nx-emulator-error: PayloadTooLarge\r\n/i);
        }));

    it("answers 413 at once, before any body, when the declared length is beyond what it would ever read", () =>
        withEmulator({ maxBodyBytes: 1024 }, async ({ emu }) => {
            const head = `POST ${APPS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${DEMO.adminPat}\r\nContent-Type: application/json\r\nContent-Length: ${2 ** 40}\r\n\r\n`;
            const { response } = await writeAllThenRead(emu.url, head, Buffer.alloc(0));
            assert.match(response, /^HTTP\/1\.1 413 /);
        }));

    it("answers 404 RouteNotFound and 404 OrganizationNotFound", () =>
        withEmulator(async ({ api }) => {
            const route = await api.get("/demo-org/portal_/api/nothing-here");
            assert.equal(route.status, 404);
            assert.equal(errorCode(route), "RouteNotFound");
            const org = await api.get("/ghost-org/portal_/api/apiAccess/computerVision", { token: DEMO.adminPat });
            assert.equal(org.status, 404);
            assert.equal(errorCode(org), "OrganizationNotFound");
        }));

    it("answers 405 with Allow for a wrong method on a known path", () =>
        withEmulator(async ({ api }) => {
            const res = await api.request("PATCH", `${APPS}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat });
            assert.equal(res.status, 405);
            assert.equal(res.headers.get("allow"), "DELETE, GET, PUT");
            assert.equal(errorCode(res), "MethodNotAllowed");
        }));
});

describe("handler failures", () => {
    it("turn into a 500 error body and the server keeps serving", () =>
        withEmulator({ onUnexpectedError: () => {} }, async ({ api, emu }) => {
            const original = emu.store.update.bind(emu.store);
            emu.store.update = () => {
                throw new Error("disk on fire");
            };
            const res = await api.post(REVOKE, { token: DEMO.adminPat });
            assert.equal(res.status, 500);
            assert.equal(errorCode(res), "InternalServerError");
            assert.ok(!JSON.stringify(res.body).includes("disk on fire"));
            emu.store.update = original;
            assert.equal((await api.post(REVOKE, { token: DEMO.adminPat })).status, 200);
        }));

    it("a burst of bad requests leaves the server healthy", () =>
        withEmulator({ maxBodyBytes: 1024 }, async ({ api, emu }) => {
            const bad = [
                rawRequest(emu.url, "GARBAGE\r\n\r\n"),
                rawRequest(emu.url, `POST ${APPS} HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{`),
                api.post(APPS, { headers: { ...auth, "Content-Type": "application/json" }, raw: "][" }),
                api.post(APPS, { token: DEMO.adminPat, json: { name: "y".repeat(5000) } }),
                api.get("/%E0%A4%A"),
                api.request("OPTIONS", "/"),
                api.get(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`, {
                    headers: { Authorization: "Bearer" },
                }),
            ];
            for (let i = 0; i < 20; i++)
                bad.push(api.post(REVOKE, { headers: { "Content-Type": "application/json" }, raw: "{" }));
            await Promise.allSettled(bad);
            const good = await api.get(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`, {
                token: DEMO.adminPat,
            });
            assert.equal(good.status, 200);
        }));
});

describe("optional bodies", () => {
    it("revoke accepts no body, an empty JSON object, and {} without a Content-Type", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await api.post(REVOKE, { token: DEMO.adminPat })).status, 200);
            assert.equal((await api.post(REVOKE, { token: DEMO.adminPat, json: {} })).status, 200);
            assert.equal(
                (await api.post(REVOKE, { token: DEMO.adminPat, raw: new TextEncoder().encode("{}") })).status,
                200,
            );
            const wrongType = await api.post(REVOKE, { headers: { ...auth, "Content-Type": "text/plain" }, raw: "{}" });
            assert.equal(wrongType.status, 415);
        }));
});
