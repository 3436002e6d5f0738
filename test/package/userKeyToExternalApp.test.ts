/**
 * examples/user-key-to-external-app from the packed tarball: the consumer
 * moves from the user key to client credentials that work, and the last
 * phase revokes the user key.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { emulatorBin, startEmulatorProcess } from "./emulatorProcess";
import { emulatorConnection, ExampleStack } from "./exampleStack";
import { packedInstall } from "./packed";

const fingerprint = (value: string): string => createHash("sha256").update(value).digest("hex").slice(0, 16);

async function token(url: string, clientId: string, clientSecret: string): Promise<Response> {
    const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
    });
    return fetch(`${url}/demo-org/identity_/connect/token`, { method: "POST", body: form });
}

/** The user key DefaultTenant's Orchestrator holds now, read with the demo application. */
async function heldUserKey(url: string): Promise<string> {
    const { access_token } = (await (await token(url, "demo-client", "demo-secret")).json()) as {
        access_token: string;
    };
    const res = await fetch(`${url}/demo-org/portal_/api/apiAccess/tenants/DefaultTenant/services/orchestrator`, {
        headers: { Authorization: `Bearer ${access_token}` },
    });
    return ((await res.json()) as { userKey: string }).userKey;
}

describe("user-key-to-external-app example", { timeout: 900_000 }, () => {
    it("switches the consumer to working client credentials, then revokes the user key", async () => {
        const install = await packedInstall();
        const emulator = await startEmulatorProcess(emulatorBin(install), ["--port", "0"]);
        const stack = await ExampleStack.create("user-key-to-external-app", install, emulatorConnection(emulator.url));
        try {
            await stack.pulumi(["up", "--yes", "--skip-preview", "--config", "phase=user-key"]);
            const before = await stack.outputs();
            assert.equal(before.consumerAuth, "userKey");
            assert.equal(before.userKeyFingerprint, fingerprint(await heldUserKey(emulator.url)));

            await stack.pulumi(["up", "--yes", "--skip-preview", "--config", "phase=both"]);
            const both = await stack.outputs();
            assert.equal(both.consumerAuth, "clientCredentials");
            assert.notEqual(both.consumerReceived, before.consumerReceived);
            assert.equal(
                both.userKeyFingerprint,
                before.userKeyFingerprint,
                "the user key changed before the consumer moved",
            );
            const exported = JSON.parse((await stack.pulumi(["stack", "export", "--show-secrets"])).stdout) as {
                deployment: { resources: { type: string; outputs?: { secret?: { plaintext: string } } }[] };
            };
            // --show-secrets exports a secret as {plaintext: <its JSON>}.
            const stored = exported.deployment.resources.find((r) => r.type.endsWith(":ExternalApplicationSecret"))
                ?.outputs?.secret;
            assert.ok(stored, "no ExternalApplicationSecret in state");
            const secret = JSON.parse(stored.plaintext) as string;
            assert.equal((await token(emulator.url, String(both.applicationClientId), secret)).status, 200);

            await stack.pulumi(["up", "--yes", "--skip-preview", "--config", "phase=external-app"]);
            const after = await stack.outputs();
            assert.equal(after.userKeyFingerprint, undefined);
            assert.notEqual(
                fingerprint(await heldUserKey(emulator.url)),
                before.userKeyFingerprint,
                "the user key was not revoked",
            );
            assert.equal((await token(emulator.url, String(after.applicationClientId), secret)).status, 200);
        } finally {
            await stack.dispose();
            await emulator.stop();
        }
    });
});
