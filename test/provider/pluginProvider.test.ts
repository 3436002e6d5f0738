/**
 * The provider plugin's own parts, without the engine: its config (`uipath-keys:` handed to the
 * runtime as `uipath:`, a plaintext credential refused), the engine's secret marks taken off and
 * put back, type tokens from URNs, and what `pluginProvider` adds around the runtime's kinds.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { runtimeConfig } from "../../provider/plugin/configure";
import { pluginProvider, type PluginRuntime } from "../../provider/plugin/provider";
import { secret, withoutSecretMarks, withSecretMarks } from "../../provider/plugin/secrets";
import { urnParts } from "../../provider/plugin/tokens";
import type { KindProvider, PropertyBag } from "../../provider/shared/loader";

/** A `ConfigureRequest` as the engine sends it: every value as text in `variables`, secret marks in `args`. */
function configureRequest(values: Record<string, string>, secretKeys: string[] = []) {
    return {
        getVariablesMap: () => ({
            forEach: (visit: (value: string, key: string) => void) =>
                Object.entries(values).forEach(([k, v]) => visit(v, `uipath-keys:config:${k}`)),
        }),
        getArgs: () => ({
            toJavaScript: () =>
                Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secretKeys.includes(k) ? secret(v) : v])),
        }),
    };
}

describe("the plugin's config", () => {
    it("is the runtime's uipath: config under the uipath-keys: namespace", () => {
        const config = runtimeConfig(
            configureRequest({ organization: "acme", clientId: "app", clientSecret: "s3cr3t" }, ["clientSecret"]),
        );
        assert.equal(config.get("uipath:organization"), "acme");
        assert.equal(config.get("uipath:clientSecret"), "s3cr3t");
        assert.equal(config.get("uipath-keys:organization"), undefined);
    });

    it("refuses a credential set without --secret, naming the command that fixes it", () => {
        assert.throws(
            () =>
                runtimeConfig(
                    configureRequest({ clientId: "app", clientSecret: "s3cr3t", accessToken: "t" }, ["accessToken"]),
                ),
            {
                message:
                    "uipath-keys:clientSecret is set in plaintext in the stack config, so it would be saved in plaintext in state: set it again as a secret with `pulumi config set --secret uipath-keys:clientSecret`",
            },
        );
    });
});

describe("the engine's secret marks", () => {
    it("come off every level on the way in, naming the properties that held one", () => {
        const { plain, secretNames } = withoutSecretMarks({
            connection: { organization: "acme", clientSecret: secret("s") },
            value: secret("v"),
            name: "n",
        });
        assert.deepEqual(plain, { connection: { organization: "acme", clientSecret: "s" }, value: "v", name: "n" });
        assert.deepEqual([...secretNames].sort(), ["connection", "value"]);
    });

    it("go back on the named properties that are present, once", () => {
        const marked = withSecretMarks({ secret: "s", name: "n", already: secret("a") }, [
            "secret",
            "already",
            "absent",
        ]);
        assert.deepEqual(marked, { secret: secret("s"), name: "n", already: secret("a") });
    });
});

describe("type tokens", () => {
    it("name a kind in a URN, with or without parents' types", () => {
        assert.deepEqual(urnParts("urn:pulumi:dev::proj::uipath-keys:index:OrchestratorAsset::robots"), {
            stack: "dev",
            project: "proj",
            kind: "OrchestratorAsset",
            name: "robots",
        });
        assert.equal(
            urnParts("urn:pulumi:dev::proj::my:Component$uipath-keys:index:ExternalApplication::a::b").name,
            "a::b",
        );
        assert.throws(
            () => urnParts("urn:pulumi:dev::proj::uipath-keys:index:Nope::x"),
            /has no resource type uipath-keys:index:Nope/,
        );
    });
});

/** A runtime whose kinds echo what they get, recording the calls. */
function echoRuntime(calls: Array<[string, unknown[]]>, failCreate?: Error): PluginRuntime {
    const kind: KindProvider = {
        check: async (_olds, news) => (calls.push(["check", [news]]), { inputs: news }),
        diff: async () => ({ changes: false }),
        create: async (inputs) => {
            calls.push(["create", [inputs]]);
            if (failCreate) throw failCreate;
            return { id: "id-1", outs: { ...inputs, secret: "generated", secretId: 7 } };
        },
        read: async (id, props) => ({ id, props }),
        update: async (_id, _olds, news) => ({ outs: news }),
        delete: async () => {},
    };
    return {
        configure: async () => {},
        provider: () => kind,
        importResource: async (k, id) => (
            calls.push(["import", [k, id]]),
            { id, props: { value: "v" }, inputs: { value: "v" } }
        ),
    };
}

const schemaless = { version: "0.0.0", getSchema: () => Promise.resolve("{}") };
const urn = (kind: string, name: string) => `urn:pulumi:dev::proj::uipath-keys:index:${kind}::${name}`;

describe("pluginProvider", () => {
    it("gives an ExternalApplicationSecret the tag the class gives it, from its URN's project, stack and name", async () => {
        const calls: Array<[string, unknown[]]> = [];
        const p = pluginProvider(echoRuntime(calls), schemaless);
        const { inputs } = await p.check!(urn("ExternalApplicationSecret", "ci"), {}, { clientId: "app" });
        // What resources/externalApplicationSecret.ts computed before the tag moved to shared/secretTag.ts.
        const classTag = createHash("sha256").update("proj/dev/ci").digest("hex").slice(0, 16);
        assert.equal((inputs as PropertyBag).secretTag, classTag);
    });

    it("hands the runtime plain values and marks the kind's secret properties and connection on the way out", async () => {
        const calls: Array<[string, unknown[]]> = [];
        const p = pluginProvider(echoRuntime(calls), schemaless);
        const checked = await p.check!(
            urn("OrchestratorAsset", "a"),
            {},
            { name: "n", value: "v", connection: { organization: "o" } },
        );
        assert.deepEqual(checked.inputs, { name: "n", value: secret("v"), connection: secret({ organization: "o" }) });
        const created = await p.create!(urn("ExternalApplication", "app"), { name: secret("n") });
        assert.deepEqual(calls.at(-1), ["create", [{ name: "n" }]]);
        // `secret` is the kind's; `name` came in secret and stays so.
        assert.deepEqual(created.outs, { name: secret("n"), secret: secret("generated"), secretId: 7 });
    });

    it("marks the properties a failed create carries as a success's", async () => {
        const failure = Object.assign(new Error("verify failed"), {
            id: "k",
            properties: { userKey: "key", organization: "o" },
        });
        const p = pluginProvider(echoRuntime([], failure), schemaless);
        await assert.rejects(
            p.create!(urn("OrchestratorApiAccess", "k"), { tenant: "t" }),
            (err: Error & { properties?: PropertyBag }) => {
                assert.deepEqual(err.properties, { userKey: secret("key"), organization: "o" });
                return true;
            },
        );
    });

    it("imports when the engine reads with an id and no state, with the inputs marked too", async () => {
        const calls: Array<[string, unknown[]]> = [];
        const p = pluginProvider(echoRuntime(calls), schemaless);
        const read = await p.read!("org/t/1/2", urn("OrchestratorAsset", "a"), {});
        assert.deepEqual(calls, [["import", ["OrchestratorAsset", "org/t/1/2"]]]);
        assert.deepEqual(read, { id: "org/t/1/2", props: { value: secret("v") }, inputs: { value: secret("v") } });
    });

    it("refuses rotationGroup, which needs the program to place every member", async () => {
        const p = pluginProvider(echoRuntime([]), schemaless);
        const { failures } = await p.check!(urn("OrchestratorApiAccess", "k"), {}, { tenant: "t", rotationGroup: "g" });
        assert.equal(failures?.[0]?.property, "rotationGroup");
        assert.match(failures?.[0]?.reason ?? "", /use rotationWindow/);
    });
});
