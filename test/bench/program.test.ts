/** The calling baseline's provider module: plain JavaScript for every kind (the provider process loads it without TypeScript). */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, it } from "node:test";
import { KINDS } from "../../bench/kinds";
import { callingModuleSource } from "../../bench/program";

describe("bench calling baseline", () => {
    it("writes a calling.js that node parses, for every kind", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-calling-"));
        try {
            for (const kind of KINDS) {
                const file = path.join(dir, `${kind.name}.js`);
                fs.writeFileSync(file, callingModuleSource(kind));
                assert.doesNotThrow(
                    () => execFileSync(process.execPath, ["--check", file], { stdio: "pipe" }),
                    kind.name,
                );
            }
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
