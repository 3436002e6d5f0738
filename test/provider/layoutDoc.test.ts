/**
 * CONTRIBUTING.md's Layout table names every source file under provider/, in the row of its
 * folder, so a reader finds any file from the table and a new file cannot land unlisted.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

const root = path.join(__dirname, "..", "..");

/** `| \`folder/\` | what |` rows of the Layout section: folder → its text. */
function layoutRows(): Map<string, string> {
    const doc = fs.readFileSync(path.join(root, "CONTRIBUTING.md"), "utf8");
    const section = doc.split(/^## Layout$/m)[1]?.split(/^## /m)[0] ?? "";
    const rows = new Map<string, string>();
    for (const line of section.split("\n")) {
        const match = /^\| `([^`]+\/)` \| (.*) \|$/.exec(line);
        if (match) rows.set(match[1]!, match[2]!);
    }
    return rows;
}

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) return sourceFiles(rel);
        return entry.name.endsWith(".ts") ? [rel] : [];
    });
}

describe("CONTRIBUTING.md's Layout", () => {
    it("names every file under provider/ in its folder's row", () => {
        const rows = layoutRows();
        assert.ok(rows.size > 0, "the Layout section has folder rows");
        const missing = sourceFiles("provider").filter((file) => {
            const text = rows.get(`${path.posix.dirname(file)}/`);
            return !text?.includes(`\`${path.posix.basename(file)}\``);
        });
        assert.deepEqual(missing, [], "files the Layout table does not name in their folder's row");
    });
});
