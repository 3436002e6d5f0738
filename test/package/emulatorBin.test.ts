/**
 * The emulator as installed from the tarball: `pulumi-uipath-keys-emulator`
 * starts from compiled JS, prints EMULATOR_URL, answers the API, and SIGTERM
 * to the pid the user holds (the bin itself, `npx`, or `npm run emulator` in a
 * clone) stops it and frees the port.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "../../scripts/toolchain";
import { emulatorBin, startEmulatorProcess } from "./emulatorProcess";
import { packedInstall } from "./packed";

/** True when nothing accepts connections at the URL's port any more. */
function portClosed(url: string): Promise<boolean> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve) => {
        const socket = net.connect({ host: hostname, port: Number(port) });
        socket.once("connect", () => {
            socket.destroy();
            resolve(false);
        });
        socket.once("error", () => resolve(true));
    });
}

async function clientCredentialsToken(url: string): Promise<Response> {
    const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "demo-client",
        client_secret: "demo-secret",
    });
    return fetch(`${url}/demo-org/identity_/connect/token`, { method: "POST", body: form });
}

/** Waits (up to 10 s) for the port to close: the server behind a wrapper process exits after it. */
async function waitForPortClosed(url: string): Promise<boolean> {
    for (let i = 0; i < 50; i++) {
        if (await portClosed(url)) return true;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return false;
}

describe("packed emulator command", { timeout: 600_000 }, () => {
    it("serves the API from compiled JS, keeps state in --data-dir, and exits 0 on SIGTERM to its pid", async () => {
        const install = await packedInstall();
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "packed-emulator-data-"));
        try {
            // The bin is a node script with a shebang: the pid started here is the node process itself.
            const emulator = await startEmulatorProcess(emulatorBin(install), ["--port", "0", "--data-dir", dataDir]);
            try {
                assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
                const token = await clientCredentialsToken(emulator.url);
                assert.equal(token.status, 200);
                assert.equal(((await token.json()) as { token_type: string }).token_type, "Bearer");
            } finally {
                assert.equal(await emulator.stop(), 0, emulator.output());
            }
            assert.equal(await portClosed(emulator.url), true, "the port is still open after the exit");
            assert.ok(fs.existsSync(path.join(dataDir, "state.json")), "state.json was not written to --data-dir");
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });

    it("stops on SIGTERM to the npx process when started with npx", async () => {
        const install = await packedInstall();
        const emulator = await startEmulatorProcess(
            "npx",
            ["--no-install", "pulumi-uipath-keys-emulator", "--port", "0"],
            { cwd: install.dir },
        );
        try {
            assert.equal((await fetch(`${emulator.url}/__emulator/health`)).status, 200);
        } finally {
            // npm itself dies of the signal; the emulator it started must follow.
            await emulator.stop();
        }
        assert.equal(await waitForPortClosed(emulator.url), true, `the emulator outlived npx:\n${emulator.output()}`);
    });

    it("stops on SIGTERM to npm's pid when started with npm run emulator in a clone", async () => {
        const emulator = await startEmulatorProcess("npm", ["run", "--silent", "emulator", "--", "--port", "0"], {
            cwd: repoRoot,
        });
        try {
            assert.equal((await fetch(`${emulator.url}/__emulator/health`)).status, 200);
        } finally {
            await emulator.stop();
        }
        assert.equal(await waitForPortClosed(emulator.url), true, `the emulator outlived npm:\n${emulator.output()}`);
    });
});
