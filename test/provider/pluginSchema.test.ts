/**
 * The provider plugin's package schema (`schema.json`) against the runtime it describes: the
 * committed file is exactly what `npm run schema` generates now, every runtime input of every
 * kind is a schema property (and nothing else is), and every secret property is marked secret.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { resourceKindNames } from "../../provider/shared/kinds";
import { secretPropertiesOf } from "../../provider/shared/secretOutputs";
import { computedInputs, kindInputSchemas } from "../../provider/runtime/kinds/inputSchemas";
import { connectionSchema } from "../../provider/runtime/inputs/connection";
import { tokenOf } from "../../provider/plugin/tokens";
import { schemaText } from "../../scripts/schema/generate";

const committedText = fs.readFileSync(path.join(__dirname, "..", "..", "schema.json"), "utf8");

type Property = { secret?: boolean };
type Schema = {
    version: string;
    config: { variables: Record<string, Property> };
    resources: Record<string, { inputProperties: Record<string, Property>; properties: Record<string, Property> }>;
};
const committed = JSON.parse(committedText) as Schema;

/** The runtime's inputs of a kind: the keys of its zod object, less what the program side computes. */
function runtimeInputs(kind: (typeof resourceKindNames)[number]): string[] {
    const shape = (kindInputSchemas[kind] as unknown as { shape: Record<string, unknown> }).shape;
    return Object.keys(shape)
        .filter((name) => !(computedInputs as readonly string[]).includes(name))
        .sort();
}

describe("the plugin's schema.json", () => {
    it("is what npm run schema generates from the runtime and the resource classes now", () => {
        const regenerated = schemaText();
        if (regenerated === committedText) return;
        const now = JSON.parse(regenerated) as Schema;
        const differing = Object.keys(now.resources).flatMap((token) =>
            JSON.stringify(now.resources[token]) === JSON.stringify(committed.resources[token]) ? [] : [token],
        );
        assert.fail(
            `schema.json is stale (differs in ${differing.join(", ") || "its package settings"}): run \`npm run schema\` and commit schema.json`,
        );
    });

    for (const kind of resourceKindNames) {
        it(`${kind}: every runtime input is a schema input property, and no other`, () => {
            const resource = committed.resources[tokenOf(kind)];
            assert.ok(resource, `schema.json has no resource ${tokenOf(kind)}`);
            const inSchema = Object.keys(resource.inputProperties).sort();
            const missing = runtimeInputs(kind).filter((name) => !inSchema.includes(name));
            const extra = inSchema.filter((name) => !runtimeInputs(kind).includes(name));
            assert.deepEqual(
                { missing, extra },
                { missing: [], extra: [] },
                `${kind}: runtime inputs without a schema property (missing) or schema properties the runtime refuses (extra): run \`npm run schema\``,
            );
        });

        it(`${kind}: its secret properties are marked secret`, () => {
            const resource = committed.resources[tokenOf(kind)]!;
            for (const name of secretPropertiesOf(kind)) {
                assert.equal(resource.properties[name]?.secret, true, `${kind}.${name} (output) is secret`);
                if (resource.inputProperties[name])
                    assert.equal(resource.inputProperties[name].secret, true, `${kind}.${name} (input) is secret`);
            }
        });
    }

    it("has the version of package.json and every connection setting as config, credentials secret", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
            version: string;
        };
        assert.equal(committed.version, pkg.version);
        assert.deepEqual(Object.keys(committed.config.variables).sort(), Object.keys(connectionSchema.shape).sort());
        for (const name of ["clientSecret", "accessToken", "clientAssertion"])
            assert.equal(committed.config.variables[name]?.secret, true, `uipath-keys:${name} is secret`);
    });
});
