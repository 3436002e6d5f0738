import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as groups from "../../provider/resources/rotationGroups";

/** The module as a new program run loads it: no group declared yet. */
function freshProgram(): typeof groups {
    const file = require.resolve("../../provider/resources/rotationGroups");
    delete require.cache[file];
    // A second copy of the module, as a new run of the program has: an import would share the first.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as typeof groups;
}

/** Declares the members in this order in one run; their slots by name. */
async function slotsOf(members: string[]): Promise<Record<string, { index: number; size: number } | undefined>> {
    const program = freshProgram();
    const slots = await Promise.all(members.map((m) => program.rotationGroupSlot("pair", m)));
    return Object.fromEntries(members.map((m, i) => [m, slots[i]]));
}

describe("rotation groups in the program", () => {
    it("gives each member a distinct slot of the group's size", async () => {
        const slots = await slotsOf(["A/one", "B/two", "A/three"]);
        assert.deepEqual(
            Object.values(slots).map((s) => s?.size),
            [3, 3, 3],
        );
        assert.deepEqual(new Set(Object.values(slots).map((s) => s?.index)), new Set([0, 1, 2]));
    });

    it("places the same members alike on every run, whatever order the program declares them in", async () => {
        assert.deepEqual(await slotsOf(["A/one", "B/two", "A/three"]), await slotsOf(["A/three", "B/two", "A/one"]));
    });

    it("refuses a member declared after the group was placed (inside an apply, after an await)", async () => {
        const program = freshProgram();
        await program.rotationGroupSlot("late", "A/one");
        assert.throws(
            () => program.rotationGroupSlot("late", "A/two"),
            /rotationGroup 'late': A\/two was declared after the group's 1 other member\(s\) were placed; declare every member of a group at the top level/,
        );
    });

    it("has no slot without a group", () => {
        assert.equal(freshProgram().rotationGroupSlot(undefined, "A/one"), undefined);
    });
});
