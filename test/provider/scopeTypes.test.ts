/** Scope types on Identity's wire: read as integers or names, sent as integers, one entry per use. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientDto, scopeDtos, scopesOf } from "../../provider/runtime/identity/identityApi";
import { scopeTypeField } from "../../provider/runtime/identity/scopeTypes";

const app = (scopes: Array<{ name: string; type?: unknown }>) =>
    clientDto.parse({ id: "c", isConfidential: true, resources: [{ name: "OrchestratorApiUserAccess", scopes }] });

describe("reading scope types", () => {
    it("reads 0/1/2 as user/application/userAndApplication, by ApiScopeType's declaration order", () => {
        assert.deepEqual(
            [0, 1, 2].map((n) => scopeTypeField.parse(n)),
            ["user", "application", "userAndApplication"],
        );
    });

    it("reads the swagger's names in any case, and a missing type as user", () => {
        assert.deepEqual(
            ["user", "Application", "USERANDAPPLICATION"].map((n) => scopeTypeField.parse(n)),
            ["user", "application", "userAndApplication"],
        );
        assert.equal(scopeTypeField.parse(undefined), "user");
        assert.equal(scopeTypeField.parse(null), "user");
    });

    it("refuses a number or name it does not know, naming the value", () => {
        for (const bad of [3, -1, 1.5, "robot"]) assert.throws(() => scopeTypeField.parse(bad), /unknown scope type/);
    });

    it("splits an app's registrations by use, whichever form they come in", () => {
        const integers = app([
            { name: "OR.Jobs", type: 1 },
            { name: "OR.Jobs", type: 0 },
            { name: "OR.Queues", type: 1 },
            { name: "OR.Users.Read", type: 0 },
            { name: "OR.Robots", type: 2 },
        ]);
        const names = app([
            { name: "OR.Jobs", type: "application" },
            { name: "OR.Jobs", type: "user" },
            { name: "OR.Queues", type: "Application" },
            { name: "OR.Users.Read", type: "user" },
            { name: "OR.Robots", type: "userAndApplication" },
        ]);
        const expected = {
            applicationScopes: ["OR.Jobs", "OR.Queues", "OR.Robots"],
            userScopes: ["OR.Jobs", "OR.Robots", "OR.Users.Read"],
        };
        assert.deepEqual(scopesOf(integers), expected);
        assert.deepEqual(scopesOf(names), expected);
    });
});

describe("sending scope types", () => {
    it("sends integers, a scope of both uses as two entries (1 = application, 0 = user)", () => {
        const sent = scopeDtos({
            applicationScopes: ["OR.Jobs", "OR.Queues"],
            userScopes: ["OR.Jobs", "OR.Users.Read"],
        });
        assert.deepEqual(
            sent.map((s) => [s.name, s.type]),
            [
                ["OR.Jobs", 1],
                ["OR.Queues", 1],
                ["OR.Jobs", 0],
                ["OR.Users.Read", 0],
            ],
        );
        assert.ok(sent.every((s) => typeof s.type === "number"));
    });
});
