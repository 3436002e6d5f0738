/** Orchestrator Folders and Assets: documented shapes, OData options, folder headers, scopes, errors. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StateSchema } from "../../emulator/store/state";
import { Api, DEMO, field, withEmulator, type ApiResponse } from "./helpers";

const OR = `/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata`;
const FILTERED = `${OR}/Assets/UiPath.Server.Configuration.OData.GetFiltered`;
const TRACE_ID = /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/;

/** A token of the demo app (OR.Assets, OR.Folders.Read among its scopes). */
const demoToken = (api: Api) => api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);

/** A token of a new external application holding exactly `scopes` (application scopes: type 1). */
async function appWith(api: Api, scopes: string[]): Promise<string> {
    const res = await api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
        token: DEMO.adminPat,
        json: {
            partitionGlobalId: DEMO.pg,
            name: `app-${scopes.join("-")}`,
            isConfidential: true,
            redirectUri: null,
            scopes: scopes.map((name) => ({ name, type: 1 })),
        },
    });
    assert.equal(res.status, 201);
    return api.appToken(DEMO.org, field(res.body, "id"), field(res.body, "secret"));
}

async function folderId(api: Api, token: string, path: string): Promise<number> {
    const res = await api.get(
        `${OR}/Folders?$filter=${encodeURIComponent(`FullyQualifiedName eq '${path.replaceAll("'", "''")}'`)}`,
        { token },
    );
    const [folder] = (res.body as { value: Array<{ Id: number }> }).value;
    assert.ok(folder, `folder ${path}`);
    return folder.Id;
}

function orchestratorError(res: ApiResponse, status: number, code: number): string {
    assert.equal(res.status, status, JSON.stringify(res.body));
    const body = res.body as { message: string; errorCode: unknown; traceId: string };
    assert.equal(body.errorCode, code);
    assert.match(body.traceId, TRACE_ID);
    return body.message;
}

const asset = (name: string, fields: Record<string, unknown>) => ({
    Name: name,
    ValueScope: "Global",
    Description: "d",
    ...fields,
});

describe("Orchestrator folders", () => {
    it("resolves a fully qualified name to its folder, with the OData envelope and FolderDto fields", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const res = await api.get(`${OR}/Folders?%24filter=FullyQualifiedName+eq+%27shared%2Ffinance%27&%24top=1`, {
                token,
            });
            assert.equal(res.status, 200);
            const body = res.body as {
                "@odata.context": string;
                "@odata.count": number;
                value: Array<Record<string, unknown>>;
            };
            assert.match(body["@odata.context"], /\/orchestrator_\/odata\/\$metadata#Folders$/);
            assert.equal(body["@odata.count"], 1);
            const [finance] = body.value;
            assert.equal(finance!.FullyQualifiedName, "Shared/Finance");
            assert.equal(finance!.DisplayName, "Finance");
            assert.equal(typeof finance!.Id, "number");
            const shared = await api.get(`${OR}/Folders(${String(finance!.ParentId)})`, { token });
            assert.equal(shared.status, 200);
            assert.equal((shared.body as { FullyQualifiedName: string }).FullyQualifiedName, "Shared");
            assert.equal((shared.body as { Key: string }).Key, finance!.ParentKey);
        }));

    it("answers an unknown path with an empty value, honours '' escaping, $skip, $top and $select", () =>
        withEmulator(
            {
                config: {
                    organizations: [
                        {
                            name: DEMO.org,
                            tenants: [{ name: DEMO.tenant, folders: ["Bob's", "Shared"] }],
                            externalApps: [
                                { id: "c", name: "c", secret: "client-secret", scopes: ["OR.Folders.Read"] },
                            ],
                        },
                    ],
                },
            },
            async ({ api }) => {
                const token = await api.appToken(DEMO.org, "c", "client-secret");
                const none = await api.get(
                    `${OR}/Folders?$filter=${encodeURIComponent("FullyQualifiedName eq 'Nope'")}`,
                    { token },
                );
                assert.deepEqual((none.body as { value: unknown[] }).value, []);
                const quoted = await api.get(
                    `${OR}/Folders?$filter=${encodeURIComponent("FullyQualifiedName eq 'Bob''s'")}&$select=Id,FullyQualifiedName`,
                    { token },
                );
                assert.deepEqual(Object.keys((quoted.body as { value: object[] }).value[0]!), [
                    "Id",
                    "FullyQualifiedName",
                ]);
                const page = await api.get(`${OR}/Folders?$skip=1&$top=1&$count=true`, { token });
                const body = page.body as { "@odata.count": number; value: Array<{ FullyQualifiedName: string }> };
                assert.equal(body["@odata.count"], 2);
                assert.deepEqual(
                    body.value.map((f) => f.FullyQualifiedName),
                    ["Shared"],
                );
            },
        ));

    it("refuses an unsupported $filter with 400 and integer errorCode 1000", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(
                `${OR}/Folders?$filter=${encodeURIComponent("contains(FullyQualifiedName,'x')")}`,
                { token: await demoToken(api) },
            );
            orchestratorError(res, 400, 1000);
        }));

    it("needs OR.Folders or OR.Folders.Read: 403 errorCode 0 otherwise", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`${OR}/Folders`, { token: await appWith(api, ["OR.Assets"]) });
            assert.equal(orchestratorError(res, 403, 0), "You are not authorized!");
        }));
});

describe("Orchestrator assets", () => {
    it("creates each value type (201 AssetDto) and withholds passwords and secrets on reads", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const headers = { "X-UIPATH-OrganizationUnitId": String(await folderId(api, token, "Shared")) };
            const bodies = [
                asset("text", { ValueType: "Text", StringValue: "hello" }),
                asset("int", { ValueType: "Integer", IntValue: 42 }),
                asset("bool", { ValueType: "Bool", BoolValue: true }),
                asset("cred", {
                    ValueType: "Credential",
                    CredentialUsername: "bot",
                    CredentialPassword: "pw-never-shown",
                }),
                asset("secret", { ValueType: "Secret", SecretValue: "secret-never-shown" }),
            ];
            const values: Record<string, unknown> = { text: "hello", int: "42", bool: "True", cred: "bot", secret: "" };
            for (const body of bodies) {
                const created = await api.post(`${OR}/Assets`, { token, headers, json: body });
                assert.equal(created.status, 201, JSON.stringify(created.body));
                const dto = created.body as Record<string, unknown>;
                assert.equal(typeof dto.Id, "number");
                assert.equal(dto.LastModificationTime, null);
                const read = await api.get(`${OR}/Assets(${String(dto.Id)})`, { token, headers });
                assert.equal(read.status, 200);
                const got = read.body as Record<string, unknown>;
                assert.equal(got.Value, values[body.Name]);
                assert.equal(got.CredentialPassword, "");
                assert.equal(got.SecretValue, "");
                assert.equal(got.CreationTime, "2025-01-01T00:00:00.000Z");
            }
            const list = await api.get(`${FILTERED}?$filter=${encodeURIComponent("Name eq 'CRED'")}&$top=1`, {
                token,
                headers,
            });
            const rows = (list.body as { value: Array<Record<string, unknown>> }).value;
            assert.deepEqual(
                rows.map((r) => [r.Name, r.CredentialUsername]),
                [["cred", "bot"]],
            );
            const all = JSON.stringify((await api.get(`${OR}/Assets`, { token, headers })).body);
            assert.ok(!all.includes("never-shown"));
        }));

    it("updates with PUT (200, no body), bumps LastModificationTime, keeps a secret sent empty, deletes with 204", () =>
        withEmulator(async ({ api, clock, emu }) => {
            const token = await demoToken(api);
            const headers = { "X-UIPATH-FolderPath": "Shared/Finance" };
            const created = await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("k", { ValueType: "Secret", SecretValue: "v1" }),
            });
            const id = (created.body as { Id: number }).Id;
            clock.advance(60_000);
            const put = await api.put(`${OR}/Assets(${id})`, {
                token,
                headers,
                json: asset("k", { Id: id, ValueType: "Secret", SecretValue: "v2" }),
            });
            assert.equal(put.status, 200);
            assert.equal(put.body, undefined);
            const read = (await api.get(`${OR}/Assets(${id})`, { token, headers })).body as Record<string, unknown>;
            assert.equal(read.LastModificationTime, "2025-01-01T00:01:00.000Z");
            const stored = () => emu.store.read().orgs[0]!.tenants[0]!.orchestrator.assets.find((a) => a.id === id)!;
            assert.equal(stored().secretValue, "v2");
            await api.put(`${OR}/Assets(${id})`, {
                token,
                headers,
                json: { ...read, Description: "new", SecretValue: "" },
            });
            assert.equal(stored().secretValue, "v2");
            assert.equal(stored().description, "new");
            assert.equal((await api.delete(`${OR}/Assets(${id})`, { token, headers })).status, 204);
            orchestratorError(await api.get(`${OR}/Assets(${id})`, { token, headers }), 404, 1002);
            orchestratorError(await api.delete(`${OR}/Assets(${id})`, { token, headers }), 404, 1002);
        }));

    it("refuses a name already used in the folder, case-insensitively (409, 1001), on POST and on a rename", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const headers = { "X-UIPATH-FolderPath": "Shared" };
            await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("ApiKey", { ValueType: "Text", StringValue: "a" }),
            });
            const again = await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("apikey", { ValueType: "Text", StringValue: "b" }),
            });
            assert.equal(orchestratorError(again, 409, 1001), "The name apikey is already used.");
            const other = await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("other", { ValueType: "Text", StringValue: "c" }),
            });
            const id = (other.body as { Id: number }).Id;
            orchestratorError(
                await api.put(`${OR}/Assets(${id})`, {
                    token,
                    headers,
                    json: asset("APIKEY", { ValueType: "Text", StringValue: "c" }),
                }),
                409,
                1001,
            );
            // Another folder is another namespace.
            const finance = await api.post(`${OR}/Assets`, {
                token,
                headers: { "X-UIPATH-FolderPath": "Shared/Finance" },
                json: asset("ApiKey", { ValueType: "Text", StringValue: "d" }),
            });
            assert.equal(finance.status, 201);
        }));

    it("needs a folder header (400, 1101) naming an existing folder (403, 1100); accepts id, key, path and encoded path", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            assert.equal(
                orchestratorError(await api.get(`${OR}/Assets`, { token }), 400, 1101),
                "A folder is required for this action.",
            );
            orchestratorError(
                await api.get(`${OR}/Assets`, { token, headers: { "X-UIPATH-OrganizationUnitId": "999999" } }),
                403,
                1100,
            );
            orchestratorError(
                await api.get(`${OR}/Assets`, { token, headers: { "X-UIPATH-FolderPath": "Nope" } }),
                403,
                1100,
            );
            const folders = (
                await api.get(`${OR}/Folders?$filter=${encodeURIComponent("FullyQualifiedName eq 'Shared/Finance'")}`, {
                    token,
                })
            ).body as {
                value: Array<{ Id: number; Key: string }>;
            };
            const { Id, Key } = folders.value[0]!;
            const encoded = Buffer.from("Shared/Finance", "utf16le").toString("base64");
            const choices: Array<Record<string, string>> = [
                { "X-UIPATH-OrganizationUnitId": String(Id) },
                { "X-UIPATH-FolderKey": Key },
                { "X-UIPATH-FolderPath-Encoded": encoded },
            ];
            for (const headers of choices) {
                assert.equal((await api.get(`${OR}/Assets`, { token, headers })).status, 200, JSON.stringify(headers));
            }
        }));

    it("an asset is found only through its own folder", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const created = await api.post(`${OR}/Assets`, {
                token,
                headers: { "X-UIPATH-FolderPath": "Shared" },
                json: asset("a", { ValueType: "Bool", BoolValue: false }),
            });
            const id = (created.body as { Id: number }).Id;
            orchestratorError(
                await api.get(`${OR}/Assets(${id})`, { token, headers: { "X-UIPATH-FolderPath": "Shared/Finance" } }),
                404,
                1002,
            );
        }));

    it("enforces OR.Assets.Read for reads and OR.Assets.Write for writes; PAT users need a role", () =>
        withEmulator(async ({ api }) => {
            const headers = { "X-UIPATH-FolderPath": "Shared" };
            const body = asset("x", { ValueType: "Integer", IntValue: 1 });
            const reader = await appWith(api, ["OR.Assets.Read"]);
            assert.equal((await api.get(`${OR}/Assets`, { token: reader, headers })).status, 200);
            orchestratorError(await api.post(`${OR}/Assets`, { token: reader, headers, json: body }), 403, 0);
            const writer = await appWith(api, ["OR.Assets.Write"]);
            assert.equal((await api.post(`${OR}/Assets`, { token: writer, headers, json: body })).status, 201);
            orchestratorError(await api.get(`${OR}/Assets`, { token: writer, headers }), 403, 0);
            orchestratorError(
                await api.get(`${OR}/Assets`, { token: await appWith(api, ["OR.Jobs"]), headers }),
                403,
                0,
            );
            assert.equal((await api.get(`${OR}/Assets`, { token: DEMO.adminPat, headers })).status, 200);
            assert.equal((await api.get(`${OR}/Assets`, { token: DEMO.assignedPat, headers })).status, 200);
            orchestratorError(await api.get(`${OR}/Assets`, { token: DEMO.viewerPat, headers }), 403, 0);
        }));

    it("validates the body per value type without echoing values", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const headers = { "X-UIPATH-FolderPath": "Shared" };
            const noPassword = await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("c", { ValueType: "Credential", CredentialUsername: "u" }),
            });
            assert.match(
                orchestratorError(noPassword, 400, 1000),
                /CredentialPassword is required for a Credential asset/,
            );
            const tooLong = await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("s", { ValueType: "Secret", SecretValue: "z".repeat(25_001) }),
            });
            const message = orchestratorError(tooLong, 400, 1000);
            assert.match(message, /SecretValue/);
            assert.ok(!message.includes("zzz"));
            orchestratorError(
                await api.post(`${OR}/Assets`, { token, headers, json: asset("k", { ValueType: "KeyValueList" }) }),
                400,
                1000,
            );
        }));

    it("keeps asset values and names out of the audit log", () =>
        withEmulator(async ({ api, emu }) => {
            const token = await demoToken(api);
            const headers = { "X-UIPATH-FolderPath": "Shared" };
            await api.post(`${OR}/Assets`, {
                token,
                headers,
                json: asset("audited", { ValueType: "Secret", SecretValue: "audit-must-not-see" }),
            });
            await api.get(`${FILTERED}?$filter=${encodeURIComponent("Name eq 'audited'")}`, { token, headers });
            const audit = JSON.stringify(emu.audit());
            assert.ok(!audit.includes("audit-must-not-see"));
            assert.ok(!audit.includes("audited"));
            assert.ok(
                emu
                    .audit()
                    .some((e) => e.method === "POST" && e.path === `${OR}/Assets` && e.status === 201 && e.mutating),
            );
        }));
});

describe("Orchestrator state", () => {
    it("gives a tenant of a state.json written before folders existed the default Shared folder", () => {
        const tenant = { name: "T", id: "t", services: [{ name: "orchestrator", userKey: null }] };
        const org = {
            name: "o",
            id: "g",
            directoryIntegration: false,
            userKeyAccess: true,
            documentUnderstandingApiKey: "k",
            computerVisionApiKey: "k",
        };
        const state = StateSchema.parse({
            version: 1,
            orgs: [{ ...org, tenants: [tenant], users: [], externalApps: [], nextSecretId: 1 }],
        });
        assert.deepEqual(
            state.orgs[0]!.tenants[0]!.orchestrator.folders.map((f) => f.fullyQualifiedName),
            ["Shared"],
        );
    });
});

describe("Assets GetFiltered as UiPath documents it, and the admin routes that set up a tenant's assets", () => {
    const seed = (api: Api, body: unknown) =>
        api.request("POST", `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/assets`, { json: body });

    it("$filter on Name is a case-insensitive contains over Name and Description; $top and $skip page through it", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const headers = { "X-UIPATH-FolderPath": "Shared" };
            const assets = [
                ...Array.from({ length: 150 }, (_, i) => ({
                    name: `ApiKey-${String(i).padStart(3, "0")}`,
                    stringValue: "v",
                })),
                { name: "Unrelated", stringValue: "v", description: "holds the APIKEY of x" },
                { name: "Other", stringValue: "v" },
            ];
            assert.equal((await seed(api, { folder: "Shared", assets })).status, 201);
            const page = async (skip: number) => {
                const res = await api.get(
                    `${FILTERED}?$filter=${encodeURIComponent("Name eq 'apikey'")}&$top=100&$skip=${skip}`,
                    { token, headers },
                );
                assert.equal(res.status, 200);
                return res.body as { "@odata.count": number; value: Array<{ Name: string }> };
            };
            const first = await page(0);
            const second = await page(100);
            assert.equal(first["@odata.count"], 151);
            assert.equal(first.value.length, 100);
            assert.equal(second.value.length, 51);
            const names = [...first.value, ...second.value].map((a) => a.Name);
            assert.ok(names.includes("Unrelated"), "a description containing the text matches");
            assert.ok(!names.includes("Other"));
            // The deprecated GET /Assets keeps eq exact.
            const exact = await api.get(`${OR}/Assets?$filter=${encodeURIComponent("Name eq 'apikey-007'")}`, {
                token,
                headers,
            });
            assert.deepEqual(
                (exact.body as { value: Array<{ Name: string }> }).value.map((a) => a.Name),
                ["ApiKey-007"],
            );
        }));

    it("a seeded PerRobot asset reads with its ValueScope; a name already used is refused", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const res = await seed(api, {
                folder: "Shared",
                assets: [{ name: "PerRobotOne", stringValue: "v", valueScope: "PerRobot" }],
            });
            const [id] = (res.body as { ids: number[] }).ids;
            const read = await api.get(`${OR}/Assets(${id})`, { token, headers: { "X-UIPATH-FolderPath": "Shared" } });
            assert.equal((read.body as { ValueScope: string }).ValueScope, "PerRobot");
            assert.equal(
                (await seed(api, { folder: "Shared", assets: [{ name: "perrobotone", stringValue: "v" }] })).status,
                409,
            );
        }));

    it("deleting a folder out of band removes its subfolders and assets; asset calls naming it get 403 / errorCode 1100", () =>
        withEmulator(async ({ api }) => {
            const token = await demoToken(api);
            const shared = await folderId(api, token, "Shared");
            const finance = await folderId(api, token, "Shared/Finance");
            await seed(api, { folder: "Shared/Finance", assets: [{ name: "Gone", stringValue: "v" }] });
            const del = await api.request(
                "DELETE",
                `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/folders/${shared}`,
            );
            assert.equal(del.status, 204);
            const folders = await api.get(`${OR}/Folders`, { token });
            assert.deepEqual((folders.body as { value: unknown[] }).value, []);
            const res = await api.get(`${FILTERED}?$top=1`, {
                token,
                headers: { "X-UIPATH-OrganizationUnitId": String(finance) },
            });
            assert.match(
                orchestratorError(res, 403, 1100),
                /Folder does not exist or the user does not have access to the folder/,
            );
            const again = await api.request(
                "DELETE",
                `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/folders/${shared}`,
            );
            assert.equal(again.status, 400);
        }));
});
