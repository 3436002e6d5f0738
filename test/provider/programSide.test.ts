/**
 * What the user's program loads and what Pulumi stores in state. Reads the
 * built package (`npm run build` first), as a user's program would.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, it } from "node:test";
import { resourceKindNames } from "../../provider/shared/kinds";
import { providerLoader } from "../../provider/shared/loader";

const root = path.resolve(__dirname, "../..");

/** The files a fresh Node process has loaded after requiring the package entry. */
function modulesLoadedByEntry(): string[] {
    const script = `require(${JSON.stringify(path.join(root, "dist/index.js"))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as string[];
}

describe("the user's program", () => {
    it("loads neither zod, got nor the provider process's code", () => {
        const loaded = modulesLoadedByEntry().map((file) => path.relative(root, file).split(path.sep).join("/"));
        assert.ok(loaded.includes("dist/provider/shared/loader.js"), "the entry was loaded");
        assert.deepEqual(loaded.filter((file) => /node_modules\/(zod|got)\//.test(file)), []);
        // The error classes are public (re-exported) and depend on nothing.
        assert.deepEqual(loaded.filter((file) => file.startsWith("dist/provider/runtime/") && file !== "dist/provider/runtime/errors.js"), []);
    });
});

describe("the provider stored in state", () => {
    // Pulumi's own serializer, as `pulumi.dynamic.Resource` calls it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
        serializeFunction(f: () => unknown, args: { allowSecrets: boolean }): Promise<{ text: string }>;
    };
    const serialized = async (kind: (typeof resourceKindNames)[number]) => {
        const loader = providerLoader(kind);
        return (await serializeFunction(() => loader, { allowSecrets: true })).text;
    };

    it("is one object per kind, so Pulumi serializes it once", () => {
        for (const kind of resourceKindNames) assert.equal(providerLoader(kind), providerLoader(kind));
    });

    it("requires the runtime by package name and holds no path of this machine", async () => {
        for (const kind of resourceKindNames) {
            const text = await serialized(kind);
            assert.deepEqual([...text.matchAll(/require\(([^)]*)\)/g)].map((m) => m[1]), ['"pulumi-uipath-keys/runtime"'], "requires nothing else");
            assert.ok(!text.includes(root), "no path of this checkout");
        }
    });

    it("differs between kinds only by the kind's name", async () => {
        const [first, ...others] = await Promise.all(resourceKindNames.map(serialized));
        for (const [i, text] of others.entries()) {
            assert.equal(text.replaceAll(`"${resourceKindNames[i + 1]}"`, '"KIND"'), first?.replaceAll(`"${resourceKindNames[0]}"`, '"KIND"'));
        }
    });
});
