/**
 * Places the members of each `rotationGroup` of this program in distinct slots `0..n-1`, passed
 * to the provider as the hidden input `rotationGroupSlot` (the provider sees one resource at a
 * time, so the slot must come with the resource's own inputs). Members are ordered by a hash of
 * their kind and name: the same program gives every member the same slot on every run, whatever
 * order it declares them in. The group is settled once the program's synchronous part has run
 * (the next turn of the event loop); a member declared after that (inside an `apply`, after an
 * `await`) would see a different group than the others did, so it is refused.
 */
import { createHash } from "node:crypto";

/** A member's place in its group. */
export interface RotationGroupSlot {
    index: number;
    size: number;
}

interface Group {
    members: string[];
    settled: boolean;
    slots: Promise<Map<string, RotationGroupSlot>>;
}

const groups = new Map<string, Group>();

const order = (group: string, member: string) =>
    createHash("sha256").update(`${group}\0${member}`).digest("hex") + member;

function newGroup(name: string): Group {
    const group: Group = { members: [], settled: false, slots: Promise.resolve(new Map()) };
    group.slots = new Promise((resolve) =>
        setImmediate(() => {
            group.settled = true;
            const sorted = [...group.members].sort((a, b) => (order(name, a) < order(name, b) ? -1 : 1));
            resolve(new Map(sorted.map((member, index) => [member, { index, size: sorted.length }])));
        }),
    );
    return group;
}

/** The slot of `member` (its kind and name) in `group`, once every member is declared; undefined without a group. */
export function rotationGroupSlot(group: string | undefined, member: string): Promise<RotationGroupSlot> | undefined {
    if (group === undefined) return undefined;
    const existing = groups.get(group);
    const found = existing ?? newGroup(group);
    if (!existing) groups.set(group, found);
    if (found.settled) {
        throw new Error(
            `rotationGroup '${group}': ${member} was declared after the group's ${found.members.length} other member(s) were placed; declare every member of a group at the top level of the program (not inside apply or after an await), so each run places them alike`,
        );
    }
    if (!found.members.includes(member)) found.members.push(member);
    return found.slots.then((slots) => slots.get(member)!);
}
