/**
 * A client that goes away mid-request. Once the request is complete the service finishes it,
 * as a real one would, and the audit records it; an incomplete request does nothing.
 * (test/interruption.test.ts relies on this: it kills the Pulumi CLI while a regeneration is held.)
 */
import assert from "node:assert/strict";
import net from "node:net";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { AuditEntry, Emulator } from "../../emulator";
import { DEMO, withEmulator } from "./helpers";

const REGENERATE = `/${DEMO.org}/portal_/api/apiAccess/computerVision/regenerate`;
/** Long enough that the client has certainly gone before the delayed answer is written. */
const HELD_MS = 1000;

function requestBytes(body: string | undefined, contentLength = body?.length ?? 0): string {
    const head = [`POST ${REGENERATE} HTTP/1.1`, "Host: emulator", `Authorization: Bearer ${DEMO.adminPat}`];
    if (body !== undefined) head.push("Content-Type: application/json", `Content-Length: ${contentLength}`);
    return `${head.join("\r\n")}\r\n\r\n${body ?? ""}`;
}

/**
 * Writes `bytes` in one write, closes the socket as soon as they are handed to the kernel, and
 * resolves with whatever came back before the close (nothing, when the server was slower).
 */
function sendAndLeave(url: string, bytes: string): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        let received = "";
        const socket = net.connect(Number(port), hostname, () => socket.write(bytes, () => socket.destroy()));
        socket.on("data", (d) => (received += d.toString()));
        socket.on("close", () => resolve(received));
        socket.on("error", () => undefined);
    });
}

/** The audit entry of the regeneration, once the emulator has finished with it. */
async function auditedRegeneration(emu: Emulator): Promise<AuditEntry> {
    const deadline = Date.now() + 30_000;
    for (;;) {
        const entry = emu.audit().find((e) => e.path === REGENERATE);
        if (entry) return entry;
        if (Date.now() > deadline) throw new Error("the emulator never finished the request (no audit entry)");
        await sleep(20);
    }
}

describe("a client that leaves", () => {
    for (const [what, body] of [
        ["without a body", undefined],
        ["with a JSON body", "{}"],
    ] as const) {
        it(`after sending a complete request ${what}: the held regeneration still happens and is audited`, () =>
            withEmulator(async ({ api, emu }) => {
                const before = emu.store.read().orgs[0]!.computerVisionApiKey;
                await api.put("/__emulator/faults", {
                    json: { faults: [{ path: "/regenerate$", latencyMs: HELD_MS, count: 1 }] },
                });

                const seen = await sendAndLeave(emu.url, requestBytes(body));
                assert.equal(seen, "", "the client left before any answer");
                const entry = await auditedRegeneration(emu);

                assert.notEqual(emu.store.read().orgs[0]!.computerVisionApiKey, before, "the key was regenerated");
                assert.deepEqual(
                    {
                        status: entry.status,
                        mutating: entry.mutating,
                        caller: entry.caller,
                        clientGone: entry.clientGone,
                    },
                    { status: 200, mutating: true, caller: "user:admin@demo.local", clientGone: true },
                );
                const current = await api.get(`/${DEMO.org}/portal_/api/apiAccess/computerVision`, {
                    token: DEMO.adminPat,
                });
                assert.equal(
                    (current.body as { apiKey: string }).apiKey,
                    emu.store.read().orgs[0]!.computerVisionApiKey,
                );
            }));
    }

    it("before its body ended: nothing is done, and the audit says so with status 0", () =>
        withEmulator(async ({ emu }) => {
            const before = emu.store.read().orgs[0]!.computerVisionApiKey;
            await sendAndLeave(emu.url, requestBytes("{", 100));
            const entry = await auditedRegeneration(emu);
            assert.deepEqual({ status: entry.status, clientGone: entry.clientGone }, { status: 0, clientGone: true });
            assert.equal(emu.store.read().orgs[0]!.computerVisionApiKey, before);
        }));

    it("leaves the server serving others", () =>
        withEmulator(async ({ api, emu }) => {
            await api.put("/__emulator/faults", {
                json: { faults: [{ path: "/regenerate$", latencyMs: HELD_MS, count: 1 }] },
            });
            await sendAndLeave(emu.url, requestBytes("{}"));
            assert.equal(
                (await api.get(`/${DEMO.org}/portal_/api/apiAccess/computerVision`, { token: DEMO.adminPat })).status,
                200,
            );
            await auditedRegeneration(emu);
            assert.equal((await api.post(REGENERATE, { token: DEMO.adminPat })).status, 200);
        }));
});
