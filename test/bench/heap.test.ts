/** The memory probe of `npm run bench:heap`: its hook in a live process, and how it reads profiles and snapshots. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { allocationsByPackage, HOOK, topConstructors, type SamplingNode } from "../../bench/heap";

const frame = (url: string, selfSize: number, children: SamplingNode[] = [], functionName = "f"): SamplingNode => ({
    callFrame: { functionName, url, lineNumber: 1 },
    selfSize,
    children,
});

describe("bench heap probe", () => {
    it("in a provider process, samples memory and writes an allocation profile at exit; elsewhere does nothing", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heap-hook-"));
        try {
            const hook = path.join(dir, "hook.cjs");
            fs.writeFileSync(hook, HOOK);
            const work = "const a = []; for (let i = 0; i < 1e5; i++) a.push({ i }); setTimeout(() => {}, 300);";
            const run = (arg: string) =>
                spawnSync(process.execPath, ["--require", hook, "-e", work, arg], {
                    env: { ...process.env, NODE_OPTIONS: "", HEAP_DIR: dir },
                    encoding: "utf8",
                });
            assert.equal(run("program").status, 0);
            assert.deepEqual(fs.readdirSync(dir), ["hook.cjs"]);
            assert.equal(run("dynamic-provider").status, 0);
            const files = fs.readdirSync(dir);
            const samples = fs.readFileSync(
                path.join(
                    dir,
                    files.find((f) => f.startsWith("mem-"))!,
                ),
                "utf8",
            );
            const first = samples.trim().split("\n")[0]!.split("\t").map(Number);
            assert.equal(first.length, 6);
            assert.ok(first[1]! > first[3]!, "RSS above heap used");
            const profile = JSON.parse(
                fs.readFileSync(
                    path.join(
                        dir,
                        files.find((f) => f.endsWith(".heapprofile"))!,
                    ),
                    "utf8",
                ),
            ) as { head: SamplingNode };
            assert.ok(allocationsByPackage(profile.head).some(([, bytes]) => bytes > 0));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("sums allocations by the package a frame's code belongs to", () => {
        const head = frame(
            "",
            0,
            [
                frame("file:///x/node_modules/got/dist/source/core/index.js", 300, [frame("node:_http_client", 50)]),
                frame("/x/node_modules/@pulumi/pulumi/runtime/rpc.js", 200),
                frame("/x/node_modules/pulumi-uipath-keys/dist/provider/runtime/http/client.js", 10),
                frame("/w/dist/provider/runtime/http/client.js", 100, [
                    frame("/x/node_modules/zod/v4/core/parse.cjs", 40),
                ]),
                frame("", 7, [], "sort"),
            ],
            "root",
        );
        assert.deepEqual(allocationsByPackage(head), [
            ["got", 300],
            ["@pulumi/pulumi", 200],
            ["pulumi-uipath-keys (dist)", 100],
            ["node:*", 50],
            ["zod", 40],
            ["pulumi-uipath-keys", 10],
            ["(sort)", 7],
            ["(root)", 0],
        ]);
    });

    it("sums a snapshot's self sizes by constructor, and by type for what is not an object", () => {
        const snapshot = {
            snapshot: {
                meta: { node_fields: ["type", "name", "id", "self_size"], node_types: [["object", "string"]] },
            },
            // type, name (index into strings), id, self size
            nodes: [0, 0, 1, 100, 0, 0, 2, 50, 0, 1, 3, 70, 1, 2, 4, 500],
            strings: ["Options", "Map", "a long string"],
        };
        assert.deepEqual(topConstructors(snapshot as Parameters<typeof topConstructors>[0], 2), [
            ["(string)", 500, 1],
            ["Options", 150, 2],
        ]);
    });
});
