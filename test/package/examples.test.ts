/**
 * The examples, run as a user runs them: from the packed tarball, against the
 * packed emulator command, through the real CLI. Few steps each: the engine
 * tests cover the lifecycle in depth; these prove the examples work as written.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { emulatorBin, startEmulatorProcess, type EmulatorProcess } from "./emulatorProcess";
import { emulatorConnection, ExampleStack } from "./exampleStack";
import { packedInstall, type PackedInstall } from "./packed";

const fingerprint = (value: string): string => createHash("sha256").update(value).digest("hex").slice(0, 16);

/** A product key as the emulator holds it, read with the organization's own application. */
async function productKey(
    url: string,
    org: string,
    client: { id: string; secret: string },
    product: string,
): Promise<string> {
    const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.id,
        client_secret: client.secret,
    });
    const token = (await (
        await fetch(`${url}/${org}/identity_/connect/token`, { method: "POST", body: form })
    ).json()) as { access_token: string };
    const res = await fetch(`${url}/${org}/portal_/api/apiAccess/${product}`, {
        headers: { Authorization: `Bearer ${token.access_token}` },
    });
    return ((await res.json()) as { apiKey: string }).apiKey;
}

describe("examples from the packed tarball", { timeout: 900_000 }, () => {
    let install: PackedInstall;
    let emulator: EmulatorProcess;

    before(async () => {
        install = await packedInstall();
        emulator = await startEmulatorProcess(emulatorBin(install), ["--port", "0"]);
    });
    after(async () => {
        await emulator?.stop();
    });

    it("rotate-with-trigger: preview shows the replacement, up rotates", async () => {
        const stack = await ExampleStack.create("rotate-with-trigger", install, emulatorConnection(emulator.url));
        try {
            await stack.pulumi(["up", "--yes", "--skip-preview", "--config", "rotation=2027-Q1"]);
            const first = await stack.outputs();

            const preview = await stack.pulumi(["preview", "--diff", "--config", "rotation=2027-Q2"]);
            assert.match(preview.output, /\+-\s*pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: \(replace\)/);
            assert.match(preview.output, /rotationTrigger/);
            assert.deepEqual(await stack.outputs(), first, "preview changed the stack");

            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            const second = await stack.outputs();
            assert.match(String(second.keyFingerprint), /^[0-9a-f]{16}$/);
            assert.notEqual(second.keyFingerprint, first.keyFingerprint);
        } finally {
            await stack.dispose();
        }
    });

    it("the shipped policy pack, from node_modules: a key without rotateAfter fails the preview", async () => {
        const stack = await ExampleStack.create("rotate-with-trigger", install, emulatorConnection(emulator.url));
        try {
            // The analyzer script: this toolchain's language host cannot start a pack folder (scripts/toolchain/README.md).
            const pack = "node_modules/pulumi-uipath-keys/policy-pack/analyzer";
            const preview = await stack.pulumi(["preview", "--policy-pack", pack, "--config", "rotation=2027-Q1"], {
                allowFailure: true,
            });
            assert.notEqual(preview.code, 0);
            assert.match(
                preview.output,
                /- \[mandatory\] {2}uipath-rotation-max-age {2}\(pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: orchestrator\)\n.*\n {10}OrchestratorApiAccess 'orchestrator' never rotates on its own: set rotateAfter to at most 90d\./,
            );
        } finally {
            await stack.dispose();
        }
    });

    it("key-feeds-resources: every consumer receives the current key", async () => {
        const stack = await ExampleStack.create("key-feeds-resources", install, emulatorConnection(emulator.url));
        try {
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            const outputs = await stack.outputs();
            assert.equal(outputs.duPipelineReceived, outputs.duKeyFingerprint);
            const duKey = await productKey(
                emulator.url,
                "demo-org",
                { id: "demo-client", secret: "demo-secret" },
                "documentUnderstanding",
            );
            assert.equal(outputs.duKeyFingerprint, fingerprint(duKey));
            assert.match(String(outputs.robotSettingsReceived), /^[0-9a-f]{16}$/);
            // The key reaches no output unencrypted.
            assert.ok(!JSON.stringify(outputs).includes(duKey));
        } finally {
            await stack.dispose();
        }
    });

    it("multi-org: each organization's keys come from that organization", async () => {
        const orgs = [
            { name: "demo-org", id: "demo-client", secret: "demo-secret" },
            { name: "retired-org", id: "retired-client", secret: "retired-secret" },
        ];
        // Only the base URL is shared; organization and credentials are per resource.
        const stack = await ExampleStack.create("multi-org", install, { UIPATH_BASE_URL: emulator.url });
        try {
            const list = JSON.stringify(orgs.map((o) => ({ name: o.name, clientId: o.id })));
            await stack.pulumi(["config", "set", "organizations", list]);
            for (const org of orgs)
                await stack.pulumi(["config", "set", "--secret", `clientSecret-${org.name}`], { stdin: org.secret });
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            const { keyFingerprints } = (await stack.outputs()) as { keyFingerprints: Record<string, string> };
            for (const org of orgs) {
                for (const product of ["documentUnderstanding", "computerVision"]) {
                    const key = await productKey(emulator.url, org.name, { id: org.id, secret: org.secret }, product);
                    assert.equal(keyFingerprints[`${org.name}/${product}`], fingerprint(key), `${org.name}/${product}`);
                }
            }
        } finally {
            await stack.dispose();
        }
    });
});
