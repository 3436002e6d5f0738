/**
 * Sources cited in emulator code resolve: a commit is named in full (a short hash can stop
 * resolving, and "@ d16b8f93" is a note to oneself, not a citation).
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { it } from "node:test";

const ROOT = path.join(__dirname, "..", "..", "emulator");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? sources(full) : e.name.endsWith(".ts") ? [full] : [];
    });
}

it("emulator code cites commits by their full hash", () => {
    const shortHash = /@ ?[0-9a-f]{7,39}(?![0-9a-f])/;
    const found = sources(ROOT).flatMap((file) =>
        fs
            .readFileSync(file, "utf8")
            .split("\n")
            .map((line, i) => ({ line, where: `${path.relative(ROOT, file)}:${i + 1}` }))
            .filter(({ line }) => shortHash.test(line))
            .map(({ line, where }) => `${where}: ${line.trim()}`),
    );
    assert.deepEqual(found, []);
});
