/**
 * The policies' decisions without the CLI (policyPack.test.ts runs them through it): each rule
 * on the inputs it reads, the pack's version, and that the package's main entry never loads
 * `@pulumi/policy`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { rotationMaxAge } from "../../provider/policy/rotationMaxAge";
import { scopeAllowList } from "../../provider/policy/scopeAllowList";
import { verifyOn } from "../../provider/policy/verifyOn";

const root = path.join(__dirname, "..", "..");

class NotApplicable extends Error {}

/** Runs one resource policy on a resource of `kind` with `props`; returns the violations' messages. */
function violations(
    policy: ResourceValidationPolicy,
    kind: string,
    props: Record<string, unknown>,
    config: object,
    stack = "prod",
): string[] {
    const messages: string[] = [];
    const args = {
        type: `pulumi-nodejs:dynamic/uipath:${kind}`,
        props,
        urn: `urn:pulumi:${stack}::project::pulumi-nodejs:dynamic/uipath:${kind}::r`,
        name: "r",
        getConfig: () => config,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    } as unknown as ResourceValidationArgs;
    const validate = policy.validateResource;
    for (const fn of Array.isArray(validate) ? validate : validate ? [validate] : []) {
        try {
            void fn(args, (message) => messages.push(message));
        } catch (err) {
            if (!(err instanceof NotApplicable)) throw err;
        }
    }
    return messages;
}

describe("uipath-rotation-max-age", () => {
    const maxAge = { maxAge: "90d" };
    it("takes the shortest of rotateAfter and expiresAfter less renewBefore", () => {
        const secret = "ExternalApplicationSecret";
        assert.deepEqual(violations(rotationMaxAge, secret, { expiresAfter: "120d", renewBefore: "40d" }, maxAge), []);
        assert.deepEqual(violations(rotationMaxAge, secret, { expiresAfter: "60d" }, maxAge), []);
        assert.deepEqual(violations(rotationMaxAge, secret, { expiresAfter: "1y", rotateAfter: "30d" }, maxAge), []);
        assert.deepEqual(violations(rotationMaxAge, secret, { expiresAfter: "120d", renewBefore: "10d" }, maxAge), [
            "ExternalApplicationSecret 'r' rotates only every expiresAfter 120d less renewBefore 10d, longer than the maximum age 90d.",
        ]);
    });
    it("does not count rotationTrigger, and leaves other kinds alone", () => {
        assert.equal(violations(rotationMaxAge, "ComputerVisionApiKey", { rotationTrigger: "q1" }, maxAge).length, 1);
        assert.deepEqual(violations(rotationMaxAge, "ExternalApplication", {}, maxAge), []);
        assert.deepEqual(violations(rotationMaxAge, "OrchestratorApiAccess", { rotateAfter: "12w" }, maxAge), []);
        assert.equal(violations(rotationMaxAge, "OrchestratorApiAccess", { rotateAfter: "13w" }, maxAge).length, 1);
    });
    it("refuses a misspelt setting in one line naming the policy and the field", () => {
        // The CLI fills in maxAge's default; the misspelt one arrives beside it.
        assert.throws(() => violations(rotationMaxAge, "OrchestratorApiAccess", {}, { maxAge: "90d", maxage: "30d" }), {
            name: "PolicyConfigError",
            message: "uipath-rotation-max-age: maxage: unknown setting (settings are maxAge)",
        });
    });
});

describe("uipath-verify-on", () => {
    it("applies only to stacks matching stackPattern", () => {
        const config = { stackPattern: "^prod" };
        assert.equal(violations(verifyOn, "DocumentUnderstandingApiKey", {}, config, "prod-eu").length, 1);
        assert.deepEqual(violations(verifyOn, "DocumentUnderstandingApiKey", {}, config, "dev"), []);
        assert.deepEqual(violations(verifyOn, "DocumentUnderstandingApiKey", { verify: true }, config, "prod"), []);
    });
});

describe("uipath-scope-allow-list", () => {
    it("allows exact names and prefixes ending in *; names each scope outside", () => {
        const config = { allowedScopes: ["OR.Jobs.Read", "OR.Assets*"] };
        const props = { applicationScopes: ["OR.Jobs.Read", "OR.Assets.Read", "OR.Jobs"], userScopes: ["OR.Users"] };
        assert.deepEqual(violations(scopeAllowList, "ExternalApplication", props, config), [
            "ExternalApplication 'r' has applicationScopes outside the allow-list: OR.Jobs.",
            "ExternalApplication 'r' has userScopes outside the allow-list: OR.Users.",
        ]);
    });
    it("does not apply without allowedScopes", () => {
        assert.deepEqual(violations(scopeAllowList, "ExternalApplication", { applicationScopes: ["X"] }, {}), []);
    });
});

describe("the shipped pack", () => {
    it("has the package's version (the CLI shows it)", () => {
        const read = (file: string): { version: string } =>
            JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as { version: string };
        assert.equal(read("policy-pack/package.json").version, read("package.json").version);
    });
    it("is not loaded by the package's main entry, so @pulumi/policy stays optional", () => {
        const probe = `require("./index.ts"); console.log(Object.keys(require.cache).filter((f) => /@pulumi[\\\\/]policy|provider[\\\\/]policy/.test(f)).length)`;
        const result = spawnSync(process.execPath, ["--import", "tsx", "-e", probe], { cwd: root, encoding: "utf8" });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout.trim(), "0");
    });
});
