/**
 * The Orchestrator asset calls' decisions, against a stub client that answers as UiPath might:
 * every decision keys on Orchestrator's errorCode (1001/1004 name taken, 1100 folder) or the
 * status, whatever the other one says; the lookup pages through a listing that matches more
 * than the exact name; the folder's listing is followed to its end, and a read takes from it only
 * what it carries.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { UiPathClient } from "../../provider/runtime/http/client";
import { NotFoundError, PermissionError, UiPathError } from "../../provider/runtime/reporting/errors";
import { describeHttpFailure } from "../../provider/runtime/http/httpErrors";
import {
    AssetNameTakenError,
    OrchestratorAssetsApi,
    type AssetDto,
} from "../../provider/runtime/kinds/orchestratorAssetApi";
import type { RequestSpec, UiPathResponse } from "../../provider/runtime/http/request";

const TRACE = "00-0f9a884dc5cd6cc9e71da27364547871-4c3fa2d22823c8d7-00";
const folder = { id: 7, path: "Shared/Finance" };

/** A client whose every call answers with `answer(spec)`: a body, or a failure built as the real client builds it. */
function stubClient(answer: (spec: RequestSpec<unknown>) => { status: number; body: unknown }) {
    const sent: RequestSpec<unknown>[] = [];
    const client = {
        organizationPath: "org",
        // No shared reads here: every read is sent (the sharing is tested in sharedReads.test.ts).
        shared: <T>(_what: string, load: () => Promise<T>) => load(),
        async send<T>(spec: RequestSpec<T>): Promise<UiPathResponse<T>> {
            sent.push(spec as RequestSpec<unknown>);
            const { status, body } = answer(spec as RequestSpec<unknown>);
            if (status >= 400) {
                const path = `/${spec.path.split("?")[0]}`;
                throw describeHttpFailure({
                    what: `${spec.method} ${path}`,
                    method: spec.method,
                    path,
                    organization: "org",
                    status,
                    body: JSON.stringify(body),
                    secrets: [],
                    cause: undefined,
                    attempts: 0,
                });
            }
            return { status, body: spec.schema.parse(body) };
        },
    };
    // Pages of 100 rows, so a few hundred assets show the paging.
    return { api: new OrchestratorAssetsApi(client as unknown as UiPathClient, "DefaultTenant", 100), sent };
}

const refusal =
    (status: number, errorCode: number, message = "refused") =>
    () => ({ status, body: { message, errorCode, traceId: TRACE } });

const dto = (id: number, name: string, description: string | null = null): AssetDto & Record<string, unknown> => ({
    Id: id,
    Key: `key-${id}`,
    Name: name,
    ValueScope: "Global",
    ValueType: "Text",
    StringValue: "v",
    Description: description,
});

describe("name taken is decided by errorCode 1001 or 1004, whatever the status", () => {
    for (const [status, code] of [
        [409, 1001],
        [400, 1001],
        [403, 1001],
        [400, 1004],
        [409, 1004],
    ] as const) {
        it(`${status} with errorCode ${code} on POST and PUT is AssetNameTakenError`, async () => {
            const { api } = stubClient(refusal(status, code, "The name Taken is already used."));
            await assert.rejects(api.create(folder, { Name: "Taken" }, []), AssetNameTakenError);
            await assert.rejects(api.put(folder, 3, { Name: "Taken" }, []), AssetNameTakenError);
        });
    }

    it("a 409 without one of those codes is not taken for a name clash", async () => {
        const { api } = stubClient(refusal(409, 0));
        await assert.rejects(
            api.create(folder, { Name: "X" }, []),
            (err: unknown) => !(err instanceof AssetNameTakenError) && err instanceof UiPathError,
        );
    });
});

describe("errorCode 1100 names the folder, never a scope, whatever the status", () => {
    for (const status of [403, 400, 404]) {
        it(`${status} with errorCode 1100 is a PermissionError naming the folder, keeping UiPath's facts`, async () => {
            const { api } = stubClient(
                refusal(status, 1100, "Folder does not exist or the user does not have access to the folder."),
            );
            for (const call of [
                () => api.get(folder, 5),
                () => api.findByName(folder, "X"),
                () => api.put(folder, 5, { Name: "X" }, []),
                () => api.delete(folder, 5),
            ]) {
                await assert.rejects(call(), (err: unknown) => {
                    assert.ok(err instanceof PermissionError, `got ${String(err)}`);
                    assert.ok(!(err instanceof NotFoundError));
                    assert.match(
                        err.message,
                        /folder 'Shared\/Finance' \(id 7\) does not exist any more or the caller has no access to it/,
                    );
                    assert.doesNotMatch(err.message, /lacks the scope/);
                    assert.equal(err.errorCode, 1100);
                    assert.equal(err.traceId, TRACE);
                    assert.ok(err.message.endsWith(`(trace id ${TRACE})`));
                    return true;
                });
            }
        });
    }

    it("a 403 with errorCode 0 (no scope, no role) names the scope the call needs", async () => {
        const { api } = stubClient(refusal(403, 0, "You are not authorized!"));
        await assert.rejects(
            api.get(folder, 5),
            (err: unknown) =>
                err instanceof PermissionError &&
                /lacks the scope OR\.Assets or OR\.Assets\.Read/.test(err.message) &&
                err.errorCode === 0,
        );
    });

    it("an asset that is gone (404, errorCode 1002) reads as undefined", async () => {
        const { api } = stubClient(refusal(404, 1002, "Asset does not exist."));
        assert.equal(await api.get(folder, 5), undefined);
    });
});

describe("lookup by name pages through a listing that matches more than the name", () => {
    /** A server whose `$filter` is a contains over Name and Description, honouring $top/$skip. */
    function containsServer(rows: ReturnType<typeof dto>[], options: { ignoreSkip?: boolean } = {}) {
        return (spec: RequestSpec<unknown>) => {
            const query = new URLSearchParams(spec.path.split("?")[1]);
            const wanted = /Name eq '(.*)'/
                .exec(query.get("$filter") ?? "")![1]!
                .replaceAll("''", "'")
                .toLowerCase();
            const matching = rows.filter(
                (r) => r.Name.toLowerCase().includes(wanted) || (r.Description ?? "").toLowerCase().includes(wanted),
            );
            const skip = options.ignoreSkip ? 0 : Number(query.get("$skip") ?? 0);
            return { status: 200, body: { value: matching.slice(skip, skip + Number(query.get("$top"))) } };
        };
    }

    it("finds the exact name (case-insensitively) behind 150 assets whose names contain it", async () => {
        const rows = [...Array.from({ length: 150 }, (_, i) => dto(i + 1, `ApiKey-${i}`)), dto(500, "APIKEY")];
        const { api, sent } = stubClient(containsServer(rows));
        assert.equal((await api.findByName(folder, "apikey"))?.Id, 500);
        assert.deepEqual(
            sent.map((s) => [
                new URLSearchParams(s.path.split("?")[1]).get("$top"),
                new URLSearchParams(s.path.split("?")[1]).get("$skip"),
            ]),
            [
                ["100", "0"],
                ["100", "100"],
            ],
        );
    });

    it("returns undefined once the listing runs out, and stops if the server ignores $skip", async () => {
        const rows = Array.from({ length: 230 }, (_, i) => dto(i + 1, `Other-${i}`, "mentions apikey"));
        const exhausted = stubClient(containsServer(rows));
        assert.equal(await exhausted.api.findByName(folder, "ApiKey"), undefined);
        assert.equal(exhausted.sent.length, 3);
        const stuck = stubClient(containsServer(rows, { ignoreSkip: true }));
        assert.equal(await stuck.api.findByName(folder, "ApiKey"), undefined);
        assert.equal(stuck.sent.length, 2);
    });
});

describe("the folder's listing (what refresh reads)", () => {
    /** A server listing `rows` with $top/$skip (or ignoring $skip), and answering GET Assets(id) from them. */
    function listingServer(rows: ReturnType<typeof dto>[], options: { ignoreSkip?: boolean } = {}) {
        return (spec: RequestSpec<unknown>) => {
            const byId = /Assets\((\d+)\)$/.exec(spec.path);
            if (byId) {
                const row = rows.find((r) => r.Id === Number(byId[1]));
                return row ? { status: 200, body: row } : refusal(404, 1002, "Asset does not exist.")();
            }
            const query = new URLSearchParams(spec.path.split("?")[1]);
            assert.equal(query.get("$filter"), null, "the listing asks for every asset of the folder");
            const skip = options.ignoreSkip ? 0 : Number(query.get("$skip") ?? 0);
            return { status: 200, body: { value: rows.slice(skip, skip + Number(query.get("$top"))) } };
        };
    }
    const paths = (sent: RequestSpec<unknown>[]) => sent.map((s) => s.path.replace(/^.*\/odata\//, ""));

    it("follows $top/$skip to the end: 230 assets in pages of 100 are 3 requests, every asset kept", async () => {
        const rows = Array.from({ length: 230 }, (_, i) => dto(i + 1, `Asset-${i}`));
        const { api, sent } = stubClient(listingServer(rows));
        assert.deepEqual(
            (await api.list(folder)).map((a) => a.Id),
            rows.map((r) => r.Id),
        );
        assert.deepEqual(paths(sent), [
            "Assets/UiPath.Server.Configuration.OData.GetFiltered?%24top=100&%24skip=0",
            "Assets/UiPath.Server.Configuration.OData.GetFiltered?%24top=100&%24skip=100",
            "Assets/UiPath.Server.Configuration.OData.GetFiltered?%24top=100&%24skip=200",
        ]);
        assert.ok(sent.every((s) => s.headers?.["x-uipath-organizationunitid"] === "7"));
    });

    it("stops when the server ignores $skip instead of looping", async () => {
        const rows = Array.from({ length: 230 }, (_, i) => dto(i + 1, `Asset-${i}`));
        const { api, sent } = stubClient(listingServer(rows, { ignoreSkip: true }));
        assert.equal((await api.list(folder)).length, 200);
        assert.equal(sent.length, 2);
    });

    it("an asset of an odd shape is left out of the listing, not a failure of it", async () => {
        const odd = { Id: 3, Name: "no key, no type" };
        const { api } = stubClient(listingServer([dto(1, "A"), odd as never, dto(2, "B")]));
        assert.deepEqual(
            (await api.list(folder)).map((a) => a.Id),
            [1, 2],
        );
    });

    it("read takes a listed asset from the listing, and GETs one not listed or a Credential (listed without its username)", async () => {
        const credential = { ...dto(2, "Login"), ValueType: "Credential", CredentialUsername: "" };
        const rows = [dto(1, "Plain"), credential];
        const { api, sent } = stubClient(listingServer(rows));
        assert.equal((await api.read(folder, 1))?.StringValue, "v");
        assert.equal((await api.read(folder, 2))?.Name, "Login");
        assert.equal(await api.read(folder, 3), undefined);
        assert.deepEqual(
            paths(sent).filter((p) => !p.includes("GetFiltered")),
            ["Assets(2)", "Assets(3)"],
        );
    });
});
