/**
 * OrchestratorApiAccess through the real engine against the emulator:
 * adopt on create, a previewed rotation that touches nothing, a rotation that
 * regenerates once and updates the dependent in the same run, drift on
 * refresh, and destroy from another checkout path.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { USER_KEY_CLIENT_ID } from "../emulator";
import { consumerSource, DEMO, readStored, withKeysStack, type Fixture } from "./helpers/fixture";

const program = (trigger: string) => `
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";
${consumerSource}
const access = new OrchestratorApiAccess("orchestrator", { tenant: "DefaultTenant", rotationTrigger: ${JSON.stringify(trigger)} });
new SecretStoreEntry("ci-secret", { file: "stored-user-key", value: access.userKey });
export const userKey = access.userKey;
export const tenantName = access.tenantName;
export const accountLogicalName = access.accountLogicalName;
export const clientId = access.clientId;
export const keyFingerprint = access.keyFingerprint;
`;

/** The user key the emulator currently holds for DefaultTenant's Orchestrator. */
async function currentUserKey(f: Fixture): Promise<string> {
    const res = await f.api.request("GET", `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator`, { token: DEMO.adminPat });
    assert.equal(res.status, 200);
    return (res.body as { userKey: string }).userKey;
}

/** Whether a user key is accepted by the documented token exchange. */
async function userKeyWorks(f: Fixture, userKey: string): Promise<boolean> {
    const res = await f.api.request("POST", "/oauth/token", { json: { grant_type: "refresh_token", client_id: USER_KEY_CLIENT_ID, refresh_token: userKey } });
    return res.status === 200;
}

const mutatingCalls = (f: Fixture) => f.emulator.audit().filter((e) => e.mutating);

describe("OrchestratorApiAccess", { timeout: 600_000 }, () => {
    let f: Fixture;
    const secretsSeen: string[] = [DEMO.clientSecret];
    const cliOutputs: string[] = [];

    before(async () => {
        f = await withKeysStack(program("initial"));
    });
    after(() => f?.dispose());

    it("create adopts the current user key without regenerating it", async () => {
        const before = await currentUserKey(f);
        secretsSeen.push(before);
        cliOutputs.push((await f.stack.preview()).output, (await f.stack.up()).output);
        const outputs = await f.stack.outputs();
        assert.equal(outputs.userKey, before);
        assert.equal(outputs.tenantName, DEMO.tenant);
        assert.equal(outputs.accountLogicalName, DEMO.org);
        assert.equal(outputs.clientId, USER_KEY_CLIENT_ID);
        assert.equal(readStored(f.stack, "stored-user-key"), before, "the dependent received the key");
        assert.deepEqual(mutatingCalls(f), [], "adopting makes no mutating call");
        assert.equal(await currentUserKey(f), before);
    });

    it("preview of a changed rotationTrigger shows the replacement and the dependent, and calls nothing that mutates", async () => {
        const auditBefore = f.emulator.audit().length;
        f.stack.writeProgram(program("rotate-1"));
        const { output } = await f.stack.preview();
        cliOutputs.push(output);
        assert.match(output, /\+-\s*pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: \(replace\)/);
        assert.match(output, /~ rotationTrigger\s*: "initial" => "rotate-1"/);
        assert.match(output, /~ pulumi-nodejs:dynamic\/test:SecretStoreEntry: \(update\)/, "the dependent is shown as touched");
        assert.match(output, /\+-\s*1 to replace/);
        const during = f.emulator.audit().slice(auditBefore);
        assert.deepEqual(
            during.filter((e) => e.mutating),
            [],
            "no mutating call during preview",
        );
    });

    it("up regenerates exactly once and updates the dependent in the same run; the old key fails, the new one works", async () => {
        const oldKey = await currentUserKey(f);
        const auditBefore = f.emulator.audit().length;
        cliOutputs.push((await f.stack.up()).output);
        const revokes = f.emulator.audit().slice(auditBefore).filter((e) => e.mutating);
        assert.equal(revokes.length, 1, "one regeneration");
        assert.match(revokes[0]?.path ?? "", /\/revoke$/);
        const newKey = await currentUserKey(f);
        secretsSeen.push(newKey);
        assert.notEqual(newKey, oldKey);
        const outputs = await f.stack.outputs();
        assert.equal(outputs.userKey, newKey);
        assert.equal(readStored(f.stack, "stored-user-key"), newKey, "dependent updated in the same up");
        assert.equal(await userKeyWorks(f, oldKey), false, "the old key is revoked");
        assert.equal(await userKeyWorks(f, newKey), true, "the new key works");
    });

    it("an up with nothing changed makes no mutating call", async () => {
        const auditBefore = f.emulator.audit().length;
        const { output } = await f.stack.up();
        cliOutputs.push(output);
        assert.doesNotMatch(output, /to replace|replaced/);
        assert.deepEqual(
            f.emulator.audit().slice(auditBefore).filter((e) => e.mutating),
            [],
        );
    });

    it("a plain `pulumi up`, with its own preview first, also regenerates exactly once", async () => {
        f.stack.writeProgram(program("rotate-2"));
        const before = await currentUserKey(f);
        const auditBefore = f.emulator.audit().length;
        const { output } = await f.stack.pulumi(["up", "--yes", "--diff"]);
        cliOutputs.push(output);
        assert.match(output, /Previewing update/);
        assert.equal(f.emulator.audit().slice(auditBefore).filter((e) => e.mutating).length, 1);
        const after = await currentUserKey(f);
        secretsSeen.push(after);
        assert.notEqual(after, before);
        assert.equal(readStored(f.stack, "stored-user-key"), after);
    });

    it("refresh reports a key regenerated outside Pulumi as drift, and the next up brings the dependent in line", async () => {
        const { keyFingerprint: oldFingerprint } = await f.stack.outputs();
        const res = await f.api.request("POST", `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator/revoke`, { token: DEMO.adminPat });
        assert.equal(res.status, 200);
        const outOfBand = (res.body as { userKey: string }).userKey;
        secretsSeen.push(outOfBand);

        const refresh = await f.stack.refresh();
        cliOutputs.push(refresh.output);
        const { resources } = await f.stack.exportState();
        assert.match(refresh.output, /~ pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: \(update\)/);
        assert.match(refresh.output, new RegExp(`keyFingerprint\\s*: "${String(oldFingerprint)}" => "[0-9a-f]{16}"`));
        const access = resources.find((r) => r.urn.endsWith("::orchestrator"));
        assert.notEqual(access?.outputs?.keyFingerprint, oldFingerprint);
        assert.equal(access?.id, `${DEMO.org}/${DEMO.tenant}/orchestrator`, "refresh keeps the id");

        cliOutputs.push((await f.stack.up()).output);
        assert.equal(readStored(f.stack, "stored-user-key"), outOfBand);
        assert.equal((await f.stack.outputs()).userKey, outOfBand);
    });

    it("state holds the serialized provider as a small by-name loader", async () => {
        const { resources } = await f.stack.exportState();
        const provider = String(resources.find((r) => r.urn.endsWith("::orchestrator"))?.inputs?.__provider ?? "");
        assert.match(provider, /require\("pulumi-uipath-keys\/runtime"\)/);
        assert.ok(provider.length < 4000, `serialized provider is ${provider.length} chars`);
        assert.ok(!provider.includes(f.stack.dir) && !provider.includes(process.cwd()), "no machine path in state");
    });

    it("never shows a key or the client secret in plaintext in state or CLI output", async () => {
        const { text } = await f.stack.exportState();
        for (const secret of secretsSeen) {
            assert.ok(!text.includes(secret), "a secret is in plaintext in stack export");
            for (const output of cliOutputs) assert.ok(!output.includes(secret), "a secret is in CLI output");
        }
        assert.match(text, /"userKey":\s*\{\s*"4dabf18193072939515e22adb298388d"/, "userKey is stored as a secret");
    });

    it("destroy works from a copy of the project at another path, without revoking", async () => {
        const copy = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-moved-"));
        try {
            fs.cpSync(f.stack.dir, copy, { recursive: true, verbatimSymlinks: true });
            const keyBefore = await currentUserKey(f);
            const auditBefore = f.emulator.audit().length;
            const { output } = await f.stack.destroy({ cwd: copy });
            cliOutputs.push(output);
            assert.match(output, /- 3 deleted|3 deleted/);
            assert.deepEqual(
                f.emulator.audit().slice(auditBefore).filter((e) => e.mutating),
                [],
                "delete does not revoke by default",
            );
            assert.equal(await currentUserKey(f), keyBefore);
        } finally {
            fs.rmSync(copy, { recursive: true, force: true });
        }
    });
});
