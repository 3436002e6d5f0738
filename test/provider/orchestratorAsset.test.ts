/**
 * OrchestratorAsset's `check` and `diff` without a service: what is refused before any API
 * call, and which changes update in place, replace, or replace deleting first.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { ProviderContext } from "../../provider/runtime/context";
import { orchestratorAssetProvider, type OrchestratorAssetState } from "../../provider/runtime/kinds/orchestratorAsset";
import {
    desiredFingerprint,
    keyedFingerprint,
    SECRET_WRITTEN_BY_PULUMI,
    type OrchestratorAssetInputs,
} from "../../provider/runtime/kinds/orchestratorAssetInputs";

/** A provider process of its own: stack config for one organization, no environment. */
function provider() {
    const stackConfig = { get: (k: string) => ({ "uipath:organization": "org", "uipath:accessToken": "pat" })[k] };
    return orchestratorAssetProvider(new ProviderContext({ stackConfig, clock: { now: () => 0 }, env: {} }));
}

const base: OrchestratorAssetInputs = {
    tenant: "DefaultTenant",
    folder: "Shared",
    name: "ApiKey",
    valueType: "Secret",
    value: "s3cret-value",
};

async function failures(inputs: Record<string, unknown>): Promise<string[]> {
    const result = await provider().check(base, inputs as OrchestratorAssetInputs);
    // A top-level failure is attached to its input; the engine shows the two together.
    return (result.failures ?? []).map((f) =>
        f.property && !f.reason.startsWith(`${f.property}.`) ? `${f.property}: ${f.reason}` : f.reason,
    );
}

const salt = "0123456789abcdef0123456789abcdef";

/** The state the provider records after writing these inputs (value echoed only for Secret, as a secret output). */
function stateOf(inputs: OrchestratorAssetInputs): OrchestratorAssetState {
    const value = inputs.valueType === "Secret" ? inputs.value : undefined;
    return {
        ...inputs,
        value,
        assetId: 1,
        assetKey: "k",
        folderId: 2,
        organization: "org",
        fingerprintSalt: salt,
        valueFingerprint: desiredFingerprint(inputs, salt),
        lastModificationTime: "t",
    };
}

describe("OrchestratorAsset check", () => {
    it("accepts each value type with the value it takes", async () => {
        assert.deepEqual(await failures({ ...base }), []);
        assert.deepEqual(await failures({ ...base, valueType: "Text", value: "x" }), []);
        assert.deepEqual(await failures({ ...base, valueType: "Integer", value: -5 }), []);
        assert.deepEqual(await failures({ ...base, valueType: "Bool", value: false }), []);
        assert.deepEqual(
            await failures({ ...base, valueType: "Credential", value: undefined, username: "u", password: "p" }),
            [],
        );
    });

    it("names the field and what is expected, never the value", async () => {
        const cases: Array<[Record<string, unknown>, RegExp]> = [
            [
                { ...base, valueType: "Integer", value: "12" },
                /^value: expected a whole number from -2147483648 to 2147483647 for an Integer asset$/,
            ],
            [{ ...base, valueType: "Integer", value: 2 ** 31 }, /^value: expected a whole number/],
            [{ ...base, valueType: "Bool", value: "true" }, /^value: expected true or false for a Bool asset$/],
            [{ ...base, value: undefined }, /^value: required for a Secret asset$/],
            [
                { ...base, valueType: "Credential", username: "u", password: "p" },
                /^value: a Credential asset takes username and password instead of value$/,
            ],
            [
                { ...base, valueType: "Credential", value: undefined, username: "u" },
                /^password: required for a Credential asset/,
            ],
            [{ ...base, password: "p" }, /^password: only for Credential assets; a Secret asset takes value$/],
            [{ ...base, valueType: "Json" }, /^valueType: expected one of Text, Secret, Credential, Integer, Bool$/],
            [
                { ...base, folder: "/Shared/" },
                /^folder: expected the folder's fully qualified name, such as Shared or Shared\/Finance/,
            ],
            [{ ...base, name: "" }, /^name: expected the asset's name/],
            [{ ...base, description: "d".repeat(251) }, /^description: expected at most 250 characters$/],
            [{ ...base, tenant: "Default Tenant" }, /^tenant: expected the tenant's logical name/],
            [{ ...base, adoptExisting: "yes" }, /^adoptExisting: /],
        ];
        for (const [inputs, expected] of cases) {
            const reasons = await failures(inputs);
            assert.equal(reasons.length, 1, `${JSON.stringify(reasons)} for ${JSON.stringify(inputs)}`);
            assert.match(reasons[0]!, expected);
            assert.ok(!reasons[0]!.includes("s3cret-value"));
        }
    });

    it("lets a value unknown during preview pass", async () => {
        assert.deepEqual(await failures({ ...base, value: pulumi.runtime.unknownValue }), []);
    });
});

describe("OrchestratorAsset diff", () => {
    const diff = (olds: OrchestratorAssetInputs, news: OrchestratorAssetInputs) =>
        provider().diff!("id", stateOf(olds), news);

    it("sees no change when the value and description are as recorded", async () => {
        assert.deepEqual(await diff(base, { ...base }), { changes: false, replaces: [], deleteBeforeReplace: false });
        assert.equal((await diff(base, { ...base, adoptExisting: true })).changes, false);
    });

    it("updates in place for a new value, description or unknown value", async () => {
        for (const news of [
            { ...base, value: "other" },
            { ...base, description: "d" },
            { ...base, value: pulumi.runtime.unknownValue },
        ]) {
            assert.deepEqual(await diff(base, news as OrchestratorAssetInputs), {
                changes: true,
                replaces: [],
                deleteBeforeReplace: false,
            });
        }
    });

    it("updates for a new Credential password or username, and a new Text value", async () => {
        const credential: OrchestratorAssetInputs = {
            ...base,
            valueType: "Credential",
            value: undefined,
            username: "u",
            password: "p",
        };
        assert.equal((await diff(credential, { ...credential })).changes, false);
        assert.equal((await diff(credential, { ...credential, password: "p2" })).changes, true);
        assert.equal((await diff(credential, { ...credential, username: "u2" })).changes, true);
        const text: OrchestratorAssetInputs = { ...base, valueType: "Text", value: "a" };
        assert.equal((await diff(text, { ...text })).changes, false);
        assert.equal((await diff(text, { ...text, value: "b" })).changes, true);
    });

    it("updates when refresh found the value changed in Orchestrator", async () => {
        const olds = { ...stateOf(base), valueFingerprint: "unknown: modified outside Pulumi at t" };
        assert.deepEqual(await provider().diff!("id", olds, base), {
            changes: true,
            replaces: [],
            deleteBeforeReplace: false,
        });
    });

    it("replaces for a new tenant, folder or name, deleting first only when the name stays in the same folder", async () => {
        assert.deepEqual(await diff(base, { ...base, folder: "Shared/Finance" }), {
            changes: true,
            replaces: ["folder"],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(await diff(base, { ...base, name: "Other" }), {
            changes: true,
            replaces: ["name"],
            deleteBeforeReplace: false,
        });
        assert.deepEqual(await diff(base, { ...base, name: "APIKEY" }), {
            changes: true,
            replaces: ["name"],
            deleteBeforeReplace: true,
        });
        assert.deepEqual(await diff(base, { ...base, valueType: "Text" }), {
            changes: true,
            replaces: ["valueType"],
            deleteBeforeReplace: true,
        });
    });
});

describe("OrchestratorAsset valueFingerprint", () => {
    it("is never derived from a Secret value or a Credential password", () => {
        for (const secret of ["hunter2", "correct horse battery staple"]) {
            assert.equal(desiredFingerprint({ valueType: "Secret", value: secret }, salt), SECRET_WRITTEN_BY_PULUMI);
            assert.equal(
                desiredFingerprint({ valueType: "Credential", value: undefined }, salt),
                SECRET_WRITTEN_BY_PULUMI,
            );
        }
    });

    it("is keyed for readable values: the same value under another salt fingerprints differently", () => {
        assert.match(keyedFingerprint(salt, "hello"), /^[0-9a-f]{16}$/);
        assert.equal(keyedFingerprint(salt, "hello"), keyedFingerprint(salt, "hello"));
        assert.notEqual(keyedFingerprint(salt, "hello"), keyedFingerprint("another salt", "hello"));
        assert.notEqual(keyedFingerprint(salt, "hello"), keyedFingerprint(salt, "hello!"));
    });
});
