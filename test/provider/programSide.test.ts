/**
 * What the user's program loads and what Pulumi stores in state. Reads the
 * built package (`npm run build` first), as a user's program would.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { resourceKindNames } from "../../provider/shared/kinds";
import type { KindLoader, providerLoader as ProviderLoader } from "../../provider/shared/loader";

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
        assert.deepEqual(
            loaded.filter((file) => /node_modules\/(zod|got)\//.test(file)),
            [],
        );
        // The error classes are public (re-exported) and depend on nothing.
        assert.deepEqual(
            loaded.filter(
                (file) =>
                    file.startsWith("dist/provider/runtime/") && file !== "dist/provider/runtime/reporting/errors.js",
            ),
            [],
        );
    });
});

describe("the provider stored in state", () => {
    // Pulumi's own serializer, as `pulumi.dynamic.Resource` calls it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { serializeFunction } = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
        serializeFunction(f: () => unknown, args: { allowSecrets: boolean }): Promise<{ text: string }>;
    };
    /** The built loader (what a user's program runs): the stored text is the compiler's output, so not this test's own transpile. */
    const loaderIn = (dist: string): typeof ProviderLoader =>
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require(path.join(dist, "provider", "shared", "loader.js")) as { providerLoader: typeof ProviderLoader })
            .providerLoader;
    const providerLoader = loaderIn(path.join(root, "dist"));
    const serialized = async (kind: (typeof resourceKindNames)[number], loaderOf = providerLoader) => {
        // Named as in `pulumi.dynamic.Resource`: the captured name is part of the text.
        const provider = loaderOf(kind);
        return (await serializeFunction(() => provider, { allowSecrets: true })).text;
    };

    /** The built loader, loaded from a copy of `dist/provider/shared` under `dir`, as another checkout would load it. */
    const loaderAt = (dir: string): typeof ProviderLoader => {
        const dist = path.join(dir, "some", "other", "checkout", "dist");
        fs.mkdirSync(path.join(dist, "provider", "shared"), { recursive: true });
        for (const file of ["loader.js", "kinds.js"])
            fs.copyFileSync(
                path.join(root, "dist", "provider", "shared", file),
                path.join(dist, "provider", "shared", file),
            );
        return loaderIn(dist);
    };

    /** Runs stored text as the dynamic-provider host does, with `pulumi-uipath-keys/runtime` replaced by a recorder. */
    const storedProvider = (text: string, calls: unknown[][]): KindLoader => {
        const record =
            (...name: string[]) =>
            async (...args: unknown[]) => {
                calls.push([...name, ...args]);
            };
        const runtime = {
            configure: record("configure"),
            provider: (kind: string) =>
                Object.fromEntries(
                    ["check", "diff", "create", "read", "update", "delete"].map((m) => [m, record(kind, m)]),
                ),
        };
        const fakeRequire = (name: string) => {
            assert.equal(name, "pulumi-uipath-keys/runtime", "requires the runtime by package name, nothing else");
            return runtime;
        };
        const module = { exports: {} as { handler?: () => KindLoader } };
        new Function("exports", "require", "module", text)(module.exports, fakeRequire, module);
        return module.exports.handler!();
    };

    it("is one object per kind, so Pulumi serializes it once", () => {
        for (const kind of resourceKindNames) assert.equal(providerLoader(kind), providerLoader(kind));
    });

    it("requires the runtime by package name and holds no path of this machine", async () => {
        for (const kind of resourceKindNames) {
            const text = await serialized(kind);
            // That it requires nothing else is checked by running it (below).
            assert.ok(text.includes('"pulumi-uipath-keys/runtime"'), "names the runtime by package name");
            assert.ok(!text.includes(root), "no path of this checkout");
        }
    });

    it("differs between kinds only by the kind's name", async () => {
        const [first, ...others] = await Promise.all(resourceKindNames.map((kind) => serialized(kind)));
        for (const [i, text] of others.entries()) {
            assert.equal(
                text.replaceAll(`"${resourceKindNames[i + 1]}"`, '"KIND"'),
                first?.replaceAll(`"${resourceKindNames[0]}"`, '"KIND"'),
            );
        }
    });

    it("is at most 1 KB per kind (Pulumi stores it twice per resource)", async () => {
        for (const kind of resourceKindNames) {
            const { length } = await serialized(kind);
            assert.ok(length <= 1024, `${kind}: ${length} characters`);
        }
    });

    it("is the same text when the package is loaded from another path", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-loader-"));
        try {
            const elsewhere = loaderAt(dir);
            for (const kind of resourceKindNames)
                assert.equal(await serialized(kind, elsewhere), await serialized(kind));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("forwards each method the host calls to the runtime call that earlier versions' loaders make", async () => {
        for (const kind of resourceKindNames) {
            const calls: unknown[][] = [];
            const p = storedProvider(await serialized(kind), calls);
            const [req, olds, news, props] = [{ config: {} }, { o: 1 }, { n: 2 }, { p: 3 }];
            // Exactly the calls @pulumi/pulumi's dynamic-provider host makes.
            await p.configure!(req as never);
            await p.check!(olds, news);
            await p.diff!("id-1", olds, news);
            await p.create(news);
            await p.read!("id-1", props);
            await p.update!("id-1", olds, news);
            await p.delete!("id-1", props);
            assert.deepEqual(calls, [
                ["configure", req],
                [kind, "check", olds, news],
                [kind, "diff", "id-1", olds, news],
                [kind, "create", news],
                [kind, "read", "id-1", props],
                [kind, "update", "id-1", olds, news],
                [kind, "delete", "id-1", props],
            ]);
        }
    });
});
