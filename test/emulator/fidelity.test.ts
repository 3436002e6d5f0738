/** Every route says where its shape comes from, and emulator/README.md's route table is exactly that record. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import {
    renderFidelityTable,
    statusLabel,
    TABLE_BEGIN,
    TABLE_END,
    withFidelityTable,
} from "../../emulator/fidelityTable";
import { API_GROUPS } from "../../emulator/routes";

const README = path.join(__dirname, "..", "..", "emulator", "README.md");

describe("route fidelity records", () => {
    it("name at least one source for every documented or observed route", () => {
        for (const group of API_GROUPS) {
            for (const route of group.routes) {
                const { status, sources } = route.fidelity;
                if (status !== "modeled")
                    assert.ok(sources.length > 0, `${route.method} ${route.pattern} is ${status} but names no source`);
                for (const s of sources) {
                    assert.match(
                        s,
                        /https?:\/\/|^[\w.-]+\/[\w.-]+@[0-9a-f]{40}:/,
                        `${route.method} ${route.pattern}: '${s}' is neither a URL nor repo@commit:path`,
                    );
                }
            }
        }
    });

    it("are what emulator/README.md's route table says (run `npm run emulator:readme` after changing a route)", () => {
        const readme = fs.readFileSync(README, "utf8");
        const begin = readme.indexOf(TABLE_BEGIN);
        const end = readme.indexOf(TABLE_END);
        assert.ok(begin >= 0 && end > begin, "the README has the generated section's markers");
        assert.equal(readme.slice(begin + TABLE_BEGIN.length, end).trim(), renderFidelityTable().trim());
        assert.equal(withFidelityTable(readme), readme, "regenerating changes nothing");
    });

    it("list every registered API route, one row each", () => {
        const rows = renderFidelityTable().split("\n").slice(2);
        const routes = API_GROUPS.flatMap((g) => g.routes);
        assert.equal(rows.length, routes.length);
        for (const route of routes) {
            const shown = route.pattern.replace(/:([A-Za-z]+)/g, "{$1}");
            assert.ok(
                rows.some((r) => r.includes(`| ${route.method} | \`${shown}\` | **${statusLabel(route.fidelity)}** |`)),
                `${route.method} ${shown}`,
            );
        }
    });
});
