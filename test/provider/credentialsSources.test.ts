/**
 * Credentials in the wrong place or out of date: a secret set in plaintext is refused in the
 * program, and a rejection of credentials that refresh or destroy took from the saved stack
 * config names the command that uses the current config.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { plaintextSecretKeys } from "../../provider/resources/plaintextSecrets";
import { resolveConnection } from "../../provider/runtime/inputs/connection";
import { AuthenticationError, NotFoundError } from "../../provider/runtime/reporting/errors";
import { hintingAtSavedConfig } from "../../provider/runtime/inputs/staleConfig";

describe("credentials in plaintext in the stack config", () => {
    it("are the credential keys not listed as secret", () => {
        const config = { "uipath:clientSecret": "s", "uipath:accessToken": "t", "uipath:organization": "o" };
        assert.deepEqual(plaintextSecretKeys(config, "[]"), ["uipath:clientSecret", "uipath:accessToken"]);
        assert.deepEqual(plaintextSecretKeys(config, JSON.stringify(["uipath:clientSecret"])), ["uipath:accessToken"]);
        assert.deepEqual(plaintextSecretKeys({ "uipath:organization": "o" }, "[]"), []);
    });

    it("are not judged when the language host does not say which keys are secret", () => {
        assert.deepEqual(plaintextSecretKeys({ "uipath:clientSecret": "s" }, undefined), []);
        assert.deepEqual(plaintextSecretKeys({ "uipath:clientSecret": "s" }, "not json"), []);
    });
});

describe("credentials rejected during refresh or destroy", () => {
    const context = (config: Record<string, string>, env: NodeJS.ProcessEnv = {}) => ({
        connection: (input: Parameters<typeof resolveConnection>[0]) =>
            resolveConnection(input, { get: (key: string) => config[key] }, env),
    });
    const stackApp = { "uipath:organization": "o", "uipath:clientId": "app", "uipath:clientSecret": "old" };
    const rejected = () =>
        Promise.reject(new AuthenticationError("the credentials were rejected (invalid_client).", { status: 401 }));

    it("name the command that uses the current stack config when the stack config gave them", async () => {
        await assert.rejects(
            hintingAtSavedConfig(context(stackApp), "refresh", undefined, rejected),
            (err: unknown) => {
                assert.ok(err instanceof AuthenticationError);
                assert.equal(
                    err.message,
                    "the credentials were rejected (invalid_client). If uipath:clientSecret was changed since the last `pulumi up`: refresh uses the stack config saved by that up; run `pulumi refresh --run-program` to use the current one",
                );
                assert.equal(err.status, 401);
                return true;
            },
        );
        await assert.rejects(
            hintingAtSavedConfig(
                context({ "uipath:organization": "o", "uipath:accessToken": "t" }),
                "destroy",
                undefined,
                rejected,
            ),
            /If uipath:accessToken was changed .* run `pulumi destroy --run-program`/,
        );
    });

    it("pass other sources and other failures unchanged", async () => {
        const own = { organization: "o", clientId: "own", clientSecret: "own" };
        await assert.rejects(
            hintingAtSavedConfig(context(stackApp), "refresh", own, rejected),
            (err: Error) => !err.message.includes("--run-program"),
        );
        const env = { UIPATH_ORGANIZATION: "o", UIPATH_ACCESS_TOKEN: "t" };
        await assert.rejects(
            hintingAtSavedConfig(context({}, env), "refresh", undefined, rejected),
            (err: Error) => !err.message.includes("--run-program"),
        );
        const gone = new NotFoundError("no such tenant");
        await assert.rejects(
            hintingAtSavedConfig(context(stackApp), "refresh", undefined, () => Promise.reject(gone)),
            (err: unknown) => err === gone,
        );
        assert.equal(
            await hintingAtSavedConfig(context(stackApp), "refresh", undefined, () => Promise.resolve("ok")),
            "ok",
        );
    });
});
