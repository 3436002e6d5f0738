import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveConnection } from "../../provider/runtime/connection";
import { InputError, MissingConnectionError } from "../../provider/runtime/errors";
import { orchestratorApiAccessInputs } from "../../provider/runtime/kinds/orchestratorApiAccess";
import { productApiKeyInputs } from "../../provider/runtime/kinds/productApiKey";
import { checkInputs } from "../../provider/runtime/validation";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("input checks", () => {
    it("accept valid inputs", () => {
        assert.deepEqual(checkInputs(orchestratorApiAccessInputs, { tenant: "DefaultTenant", rotateAfter: "90d", verify: true, __provider: "x" }), []);
        assert.deepEqual(checkInputs(productApiKeyInputs, {}), []);
    });

    it("name each bad field and what is expected", () => {
        const failures = checkInputs(orchestratorApiAccessInputs, { tenant: "", rotateAfter: "later", connection: { baseUrl: "ftp://x" } });
        const byField = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
        assert.match(byField.tenant ?? "", /^tenant: expected the tenant's logical name/);
        assert.match(byField.rotateAfter ?? "", /^rotateAfter: expected a period such as 90d/);
        assert.match(byField["connection.baseUrl"] ?? "", /^connection\.baseUrl: expected an http\(s\) URL/);
    });

    it("name inputs the resource does not have", () => {
        const failures = checkInputs(productApiKeyInputs, { rotationTriger: "x" });
        assert.equal(failures.length, 1);
        assert.match(failures[0]?.reason ?? "", /unknown input\(s\) rotationTriger/);
    });

    it("let values that are unknown during preview pass", () => {
        assert.deepEqual(checkInputs(orchestratorApiAccessInputs, { tenant: unknown, rotateAfter: unknown, connection: { clientSecret: unknown } }), []);
        assert.equal(checkInputs(orchestratorApiAccessInputs, { tenant: unknown, rotateAfter: "bad" }).length, 1, "known values are still checked");
    });
});

describe("connection settings", () => {
    const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

    it("prefer the resource's own settings, then stack config, then the environment", () => {
        const conn = resolveConnection(
            { organization: "from-resource" },
            config({ "uipath:organization": "from-config", "uipath:clientId": "id", "uipath:clientSecret": "s" }),
            { UIPATH_ORGANIZATION: "from-env", UIPATH_BASE_URL: "http://127.0.0.1:1" },
        );
        assert.equal(conn.organization, "from-resource");
        assert.equal(conn.baseUrl, "http://127.0.0.1:1");
        assert.deepEqual(conn.auth, { kind: "clientCredentials", clientId: "id", clientSecret: "s", scopes: undefined });
    });

    it("use the account host for the user-key exchange on Automation Cloud only", () => {
        assert.equal(resolveConnection({ organization: "o", accessToken: "t" }, undefined, {}).accountUrl, "https://account.uipath.com");
        assert.equal(resolveConnection({ organization: "o", accessToken: "t", baseUrl: "http://127.0.0.1:9/" }, undefined, {}).accountUrl, "http://127.0.0.1:9");
    });

    it("say what is missing and where to set it", () => {
        assert.throws(() => resolveConnection(undefined, undefined, {}), (err: unknown) => err instanceof MissingConnectionError && err instanceof InputError && /uipath:organization/.test(err.message));
        assert.throws(() => resolveConnection({ organization: "o" }, undefined, {}), /uipath:clientId.*uipath:clientSecret/);
        assert.throws(() => resolveConnection({ organization: "o", accessToken: "t" }, undefined, { UIPATH_BASE_URL: "not a url" }), /connection\.baseUrl.*UIPATH_BASE_URL/);
    });
});
