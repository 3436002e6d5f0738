import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { connectionSchema, connectionSettings, resolveConnection } from "../../provider/runtime/inputs/connection";
import { InputError, InvalidInputError, MissingConnectionError } from "../../provider/runtime/reporting/errors";
import { orchestratorApiAccessInputs } from "../../provider/runtime/kinds/orchestratorApiAccess";
import { productApiKeyInputs } from "../../provider/runtime/kinds/productApiKey";
import { connectionFailures } from "../../provider/runtime/inputs/check";
import { editDistance, nearestName } from "../../provider/runtime/inputs/nearestName";
import { checkInputs } from "../../provider/runtime/inputs/validation";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("input checks", () => {
    it("accept valid inputs", () => {
        assert.deepEqual(
            checkInputs(orchestratorApiAccessInputs, {
                tenant: "DefaultTenant",
                rotateAfter: "90d",
                verify: true,
                __provider: "x",
            }),
            [],
        );
        assert.deepEqual(checkInputs(productApiKeyInputs, {}), []);
    });

    it("attach each failure to the input the user wrote, naming a nested field in the reason", () => {
        const failures = checkInputs(orchestratorApiAccessInputs, {
            tenant: "",
            rotateAfter: "later",
            connection: { baseUrl: "ftp://x" },
        });
        const byProperty = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
        assert.deepEqual(Object.keys(byProperty).sort(), ["connection", "rotateAfter", "tenant"]);
        assert.match(byProperty.tenant ?? "", /^expected the tenant's logical name/);
        assert.match(byProperty.rotateAfter ?? "", /^expected a period such as 90d/);
        assert.match(byProperty.connection ?? "", /^connection\.baseUrl: expected an http\(s\) URL/);
    });

    it("bound rotateAfter, saying the longest period allowed", () => {
        const failures = checkInputs(productApiKeyInputs, { rotateAfter: "99999999999d" });
        assert.deepEqual(failures, [{ property: "rotateAfter", reason: "expected at most 3650d (ten years)" }]);
        assert.deepEqual(checkInputs(productApiKeyInputs, { rotateAfter: "3650d" }), []);
        assert.equal(checkInputs(productApiKeyInputs, { rotateAfter: "3650d1s" }).length, 1);
    });

    it("name an unknown input and suggest the nearest known one", () => {
        assert.deepEqual(checkInputs(productApiKeyInputs, { rotationTriger: "x" }), [
            { property: "rotationTriger", reason: "unknown input; did you mean rotationTrigger?" },
        ]);
        assert.deepEqual(checkInputs(productApiKeyInputs, { RotateAfter: "9d" }), [
            { property: "RotateAfter", reason: "unknown input; did you mean rotateAfter?" },
        ]);
        assert.deepEqual(checkInputs(orchestratorApiAccessInputs, { tenant: "t", connection: { orgnization: "o" } }), [
            { property: "connection", reason: "connection.orgnization: unknown setting; did you mean organization?" },
        ]);
    });

    it("list the known inputs when none is close", () => {
        const [failure] = checkInputs(productApiKeyInputs, { colour: "blue" });
        assert.equal(failure?.property, "colour");
        assert.match(
            failure?.reason ?? "",
            /^unknown input \(known: rotationTrigger, rotateAfter, revokeOnDelete, verify, connection, historyLength, rotationWindow, rotationGroup, rotationGroupSlot\)$/,
        );
    });

    it("let values that are unknown during preview pass", () => {
        assert.deepEqual(
            checkInputs(orchestratorApiAccessInputs, {
                tenant: unknown,
                rotateAfter: unknown,
                connection: { clientSecret: unknown },
            }),
            [],
        );
        assert.equal(
            checkInputs(orchestratorApiAccessInputs, { tenant: unknown, rotateAfter: "bad" }).length,
            1,
            "known values are still checked",
        );
    });
});

describe("connection settings", () => {
    const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

    it("prefer the resource's own settings, then stack config, then the environment", () => {
        const conn = resolveConnection(
            { organization: "From-Config" },
            config({ "uipath:organization": "from-config", "uipath:clientId": "id", "uipath:clientSecret": "s" }),
            { UIPATH_ORGANIZATION: "from-env", UIPATH_BASE_URL: "http://127.0.0.1:1" },
        );
        assert.equal(conn.organization, "From-Config");
        assert.equal(conn.baseUrl, "http://127.0.0.1:1");
        assert.deepEqual(conn.auth, {
            kind: "clientCredentials",
            clientId: "id",
            clientSecret: "s",
            scopes: undefined,
        });
        assert.equal(conn.credentialSource, "stackConfig");
    });

    it("take a resource's credentials alone, never half its own and half the stack's", () => {
        const conn = resolveConnection(
            { organization: "other", accessToken: "own-token" },
            config({
                "uipath:organization": "org",
                "uipath:clientId": "id",
                "uipath:clientSecret": "s",
                "uipath:scopes": "PM.ApiAccess",
            }),
            {},
        );
        assert.deepEqual(conn.auth, { kind: "accessToken", token: "own-token" });
        assert.equal(conn.credentialSource, "connection");
        assert.throws(
            () =>
                resolveConnection(
                    { organization: "other", clientSecret: "own" },
                    config({ "uipath:organization": "org", "uipath:clientId": "id" }),
                    {},
                ),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === "connection" &&
                /^connection: incomplete credentials/.test(err.message),
        );
    });

    it("refuse a connection to another organization that would borrow the stack's credentials", () => {
        const stack = config({ "uipath:organization": "org", "uipath:clientId": "id", "uipath:clientSecret": "s" });
        assert.throws(
            () => resolveConnection({ organization: "other-org" }, stack, {}),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === "connection" &&
                /^connection\.organization is other-org but the connection has no credentials, and the stack's credentials are for organization org \(uipath:organization\): give the connection its own/.test(
                    err.message,
                ),
        );
        assert.throws(
            () => resolveConnection({ organization: "o" }, undefined, { UIPATH_ACCESS_TOKEN: "t" }),
            /and the stack sets no organization/,
        );
        // The same organization (the service compares names without case) may use the stack's.
        assert.equal(resolveConnection({ organization: "ORG" }, stack, {}).organization, "ORG");
    });

    it("refuse a client secret and an access token together, naming both where they were set", () => {
        const both = (err: unknown, pattern: RegExp, property: string | undefined) =>
            err instanceof InvalidInputError && err.property === property && pattern.test(err.message);
        assert.throws(
            () =>
                resolveConnection(
                    undefined,
                    config({
                        "uipath:organization": "o",
                        "uipath:clientId": "i",
                        "uipath:clientSecret": "s",
                        "uipath:accessToken": "t",
                    }),
                    {},
                ),
            (err) =>
                both(
                    err,
                    /^uipath:clientSecret \(stack config\) and uipath:accessToken \(stack config\) are both set: keep one/,
                    undefined,
                ),
        );
        assert.throws(
            () =>
                resolveConnection(
                    undefined,
                    config({ "uipath:organization": "o", "uipath:clientId": "i", "uipath:clientSecret": "s" }),
                    { UIPATH_ACCESS_TOKEN: "t" },
                ),
            (err) =>
                both(
                    err,
                    /^uipath:clientSecret \(stack config\) and UIPATH_ACCESS_TOKEN \(environment\) are both set/,
                    undefined,
                ),
        );
        assert.throws(
            () =>
                resolveConnection(
                    { organization: "o", clientId: "i", clientSecret: "s", accessToken: "t" },
                    undefined,
                    {},
                ),
            (err) => both(err, /^connection\.clientSecret and connection\.accessToken are both set/, "connection"),
        );
    });

    it("refuse plain http to another machine unless allowed, and allow it to this one", () => {
        const stack = (extra: Record<string, string>) =>
            config({ "uipath:organization": "o", "uipath:accessToken": "t", ...extra });
        assert.throws(
            () => resolveConnection(undefined, stack({ "uipath:baseUrl": "http://uipath.example.com" }), {}),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === undefined &&
                /^uipath:baseUrl \(stack config\): plain http:\/\/ to uipath\.example\.com would send the credentials in clear: use https:\/\/, or allow it with `pulumi config set uipath:allowInsecureHttp true` or UIPATH_ALLOW_INSECURE_HTTP=true$/.test(
                    err.message,
                ),
        );
        assert.throws(
            () =>
                resolveConnection(
                    { organization: "o", accessToken: "t", baseUrl: "http://10.0.0.5:8080" },
                    undefined,
                    {},
                ),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === "connection" &&
                /^connection\.baseUrl: plain http/.test(err.message),
        );
        assert.throws(
            () =>
                resolveConnection(
                    undefined,
                    stack({
                        "uipath:baseUrl": "https://x.example.com",
                        "uipath:accountUrl": "http://account.example.com",
                    }),
                    {},
                ),
            /: uipath:accountUrl \(stack config\): plain http/,
        );
        assert.equal(
            resolveConnection(
                undefined,
                stack({ "uipath:baseUrl": "http://uipath.example.com", "uipath:allowInsecureHttp": "true" }),
                {},
            ).baseUrl,
            "http://uipath.example.com",
        );
        assert.equal(
            resolveConnection(undefined, stack({ "uipath:baseUrl": "http://uipath.example.com" }), {
                UIPATH_ALLOW_INSECURE_HTTP: "true",
            }).baseUrl,
            "http://uipath.example.com",
        );
        for (const local of ["http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:2", "http://127.9.9.9"]) {
            assert.equal(resolveConnection(undefined, stack({ "uipath:baseUrl": local }), {}).baseUrl, local);
        }
    });

    it("take allowInsecureHttp in a resource's connection, overriding the stack config and environment", () => {
        const own = { organization: "o", accessToken: "t", baseUrl: "http://uipath.example.com" };
        const conn = resolveConnection({ ...own, allowInsecureHttp: true }, undefined, {});
        assert.equal(conn.baseUrl, "http://uipath.example.com");
        assert.equal(conn.accountUrl, "http://uipath.example.com");
        // A connection that gives its own credentials still takes the stack's allowInsecureHttp, like its hosts.
        assert.equal(
            resolveConnection(own, config({ "uipath:allowInsecureHttp": "true" }), {}).baseUrl,
            "http://uipath.example.com",
        );
        const refusedInConnection = (err: unknown) =>
            err instanceof InvalidInputError &&
            err.property === "connection" &&
            err.message ===
                "connection.baseUrl: plain http:// to uipath.example.com would send the credentials in clear: use https://, or set connection.allowInsecureHttp: true (or, for the whole stack, `pulumi config set uipath:allowInsecureHttp true`)";
        assert.throws(() => resolveConnection(own, undefined, {}), refusedInConnection);
        assert.throws(
            () =>
                resolveConnection(
                    { ...own, allowInsecureHttp: false },
                    config({ "uipath:allowInsecureHttp": "true" }),
                    { UIPATH_ALLOW_INSECURE_HTTP: "true" },
                ),
            refusedInConnection,
        );
        // The stack's URL refused by the connection's own `false`: the fix is in the connection too.
        assert.throws(
            () =>
                resolveConnection(
                    { allowInsecureHttp: false },
                    config({
                        "uipath:organization": "o",
                        "uipath:accessToken": "t",
                        "uipath:baseUrl": "http://uipath.example.com",
                        "uipath:allowInsecureHttp": "true",
                    }),
                    {},
                ),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === undefined &&
                /^uipath:baseUrl \(stack config\): plain http:\/\/ to uipath\.example\.com .* or set connection\.allowInsecureHttp: true/.test(
                    err.message,
                ),
        );
    });

    it("take allowInsecureHttp as true or false only, wherever it is set, naming where", () => {
        const stack = (extra: Record<string, string>) =>
            config({
                "uipath:organization": "o",
                "uipath:accessToken": "t",
                "uipath:baseUrl": "http://uipath.example.com",
                ...extra,
            });
        for (const yes of ["true", "TRUE", "1", "yes", " true "]) {
            assert.equal(
                resolveConnection(undefined, stack({ "uipath:allowInsecureHttp": yes }), {}).baseUrl,
                "http://uipath.example.com",
                yes,
            );
        }
        for (const no of ["false", "0", "no"]) {
            assert.throws(
                () => resolveConnection(undefined, stack({ "uipath:allowInsecureHttp": no }), {}),
                /: uipath:baseUrl \(stack config\): plain http/,
                no,
            );
        }
        assert.throws(
            () => resolveConnection(undefined, stack({ "uipath:allowInsecureHttp": "on" }), {}),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === undefined &&
                err.message === "uipath:allowInsecureHttp (stack config): expected true or false",
        );
        assert.throws(
            () => resolveConnection(undefined, stack({}), { UIPATH_ALLOW_INSECURE_HTTP: "maybe" }),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === undefined &&
                err.message === "UIPATH_ALLOW_INSECURE_HTTP (environment): expected true or false",
        );
        // A program in JavaScript can pass text where TypeScript would refuse it.
        const asText = { organization: "o", accessToken: "t", allowInsecureHttp: "true" } as unknown as Parameters<
            typeof resolveConnection
        >[0];
        assert.throws(
            () => resolveConnection(asText, undefined, {}),
            (err: unknown) =>
                err instanceof InvalidInputError &&
                err.property === "connection" &&
                err.message === "connection.allowInsecureHttp: expected true or false",
        );
    });

    it("use the account host for the user-key exchange on Automation Cloud only", () => {
        assert.equal(
            resolveConnection({ organization: "o", accessToken: "t" }, undefined, {}).accountUrl,
            "https://account.uipath.com",
        );
        assert.equal(
            resolveConnection({ organization: "o", accessToken: "t", baseUrl: "http://127.0.0.1:9/" }, undefined, {})
                .accountUrl,
            "http://127.0.0.1:9",
        );
    });

    it("say what is missing and where to set it", () => {
        assert.throws(
            () => resolveConnection(undefined, undefined, {}),
            (err: unknown) =>
                err instanceof MissingConnectionError &&
                err instanceof InputError &&
                /uipath:organization/.test(err.message),
        );
        assert.throws(
            () => resolveConnection(undefined, config({ "uipath:organization": "o" }), {}),
            /uipath:clientId.*uipath:clientSecret/,
        );
        assert.throws(
            () =>
                resolveConnection({ organization: "o", accessToken: "t" }, undefined, { UIPATH_BASE_URL: "not a url" }),
            /: UIPATH_BASE_URL \(environment\): expected an http\(s\) URL/,
        );
    });
});

describe("connection checks at preview", () => {
    const context = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}) => ({
        connection: (input: Parameters<typeof resolveConnection>[0]) =>
            resolveConnection(input, { get: (key: string) => values[key] }, env),
    });

    it("attach a stack config problem to no input, naming the config key", () => {
        const failures = connectionFailures(
            context({
                "uipath:organization": "o",
                "uipath:accessToken": "t",
                "uipath:baseUrl": "http://uipath.example.com",
            }),
            undefined,
        );
        assert.equal(failures.length, 1);
        assert.equal(failures[0]?.property, "");
        assert.match(failures[0]?.reason ?? "", /^uipath:baseUrl \(stack config\): plain http/);
    });

    it("attach a problem of the resource's connection to it", () => {
        const failures = connectionFailures(context({ "uipath:organization": "o", "uipath:accessToken": "t" }), {
            organization: "elsewhere",
        });
        assert.deepEqual(
            failures.map((f) => f.property),
            ["connection"],
        );
    });

    it("judge a connection not known yet once it is", () => {
        assert.deepEqual(connectionFailures(context({}), { organization: "o", clientSecret: unknown }), []);
        assert.deepEqual(
            checkInputs(orchestratorApiAccessInputs, { tenant: "t", connection: { allowInsecureHttp: unknown } }),
            [],
        );
    });

    it("refuse a connection's allowInsecureHttp that is not a boolean, attached to the connection", () => {
        assert.deepEqual(
            checkInputs(orchestratorApiAccessInputs, { tenant: "t", connection: { allowInsecureHttp: "yes" } }),
            [{ property: "connection", reason: "connection.allowInsecureHttp: expected true or false" }],
        );
        assert.deepEqual(
            checkInputs(productApiKeyInputs, {
                connection: { allowInsecureHttp: true, baseUrl: "http://uipath.example.com" },
            }),
            [],
        );
    });
});

describe("did you mean", () => {
    it("counts edits, a swap of neighbours as one", () => {
        assert.equal(editDistance("rotationTriger", "rotationTrigger"), 1);
        assert.equal(editDistance("rotaetAfter", "rotateAfter"), 1);
        assert.equal(editDistance("", "abc"), 3);
    });

    it("suggests only close names, ignoring case", () => {
        assert.equal(nearestName("Tennant", ["tenant", "service"]), "tenant");
        assert.equal(nearestName("colour", ["tenant", "service"]), undefined);
    });
});

describe("README's Configuration table", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Configuration"), readme.indexOf("### Resources"));
    const rows = section.split("\n").filter((line) => /^\| (`uipath:|—)/.test(line));

    it("lists exactly the settings a connection takes, and the one per-machine variable it does not", () => {
        const configKeys = rows.flatMap((row) => [...row.matchAll(/^\| `uipath:(\w+)`/g)].map((m) => m[1]));
        assert.deepEqual(configKeys.sort(), Object.keys(connectionSettings).sort());
        for (const [name, { config, env }] of Object.entries(connectionSettings)) {
            assert.ok(
                rows.some((row) => row.startsWith(`| \`${config}\``) && row.includes(`| \`${env}\` |`)),
                `${config} and ${env} on one row`,
            );
            assert.ok(name in connectionSchema.shape, `a connection takes ${name}`);
        }
        const envOnly = rows.filter((row) => row.startsWith("| —")).map((row) => /`(\w+)`/.exec(row)?.[1]);
        assert.deepEqual(envOnly, ["UIPATH_HTTP_TIMEOUT_MS"]);
        assert.match(section, /except `UIPATH_HTTP_TIMEOUT_MS`/);
    });
});
