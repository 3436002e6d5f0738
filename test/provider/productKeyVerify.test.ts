/**
 * `verify` of the product keys (Document Understanding, Computer Vision): where the key is tried
 * (documented hosts for Automation Cloud and Public Sector, a required setting elsewhere, refused
 * at `check` before any call) and what each answer of the check route means (only 401/403 reject
 * the key; 400/404 say the check could not be made; the resource then succeeds with a notice).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProviderContext } from "../../provider/runtime/context";
import { resolveConnection } from "../../provider/runtime/inputs/connection";
import { KeyVerificationError } from "../../provider/runtime/reporting/errors";
import { computerVisionApiKeyKind } from "../../provider/runtime/kinds/computerVisionApiKey";
import { documentUnderstandingApiKeyKind } from "../../provider/runtime/kinds/documentUnderstandingApiKey";
import { keyProvider } from "../../provider/runtime/lifecycle/keyLifecycle";
import { DEMO, withEmulator, type Api } from "../emulator/helpers";

const credentials = { organization: "o", accessToken: "t" };
const hostsFor = (baseUrl: string | undefined, extra: Record<string, string> = {}) => {
    const c = resolveConnection({ ...credentials, ...(baseUrl ? { baseUrl } : {}), ...extra }, undefined, {});
    return { duUrl: c.duUrl, cvUrl: c.cvUrl };
};

describe("product hosts", () => {
    it("default to Automation Cloud's public hosts", () => {
        assert.deepEqual(hostsFor(undefined), { duUrl: "https://du.uipath.com", cvUrl: "https://cv.uipath.com" });
    });

    it("default to Public Sector's documented hosts on govcloud.uipath.us", () => {
        assert.deepEqual(hostsFor("https://govcloud.uipath.us"), {
            duUrl: "https://govcloud.uipath.us/du_",
            cvUrl: "https://cv-govcloud.uipath.us",
        });
    });

    it("have no default for any other base URL, the emulator's included", () => {
        for (const baseUrl of [
            "https://acme.dedicated.uipath.com",
            "https://automation.example.com",
            "http://127.0.0.1:8787",
        ]) {
            assert.deepEqual(hostsFor(baseUrl), { duUrl: undefined, cvUrl: undefined }, baseUrl);
        }
    });

    it("are what uipath:duUrl and uipath:cvUrl say, wherever set", () => {
        assert.deepEqual(
            hostsFor("https://automation.example.com", {
                duUrl: "https://du-eu.example.com/",
                cvUrl: "https://cv.example.com",
            }),
            {
                duUrl: "https://du-eu.example.com",
                cvUrl: "https://cv.example.com",
            },
        );
        assert.equal(hostsFor(undefined, { duUrl: "https://du-us.uipath.com" }).duUrl, "https://du-us.uipath.com");
    });
});

/** A provider process whose stack config is `config` (plus credentials that are never used by check). */
function contextWith(config: Record<string, string>, notices: string[] = []): ProviderContext {
    const stackConfig = { get: (k: string) => ({ "uipath:organization": DEMO.org, ...config })[k] };
    return new ProviderContext({
        stackConfig,
        clock: { now: () => Date.parse("2027-01-01T00:00:00Z") },
        env: {},
        notice: (l) => void notices.push(l),
        client: { retryBaseMs: 1 },
    });
}

describe("check of verify outside Automation Cloud and Public Sector", () => {
    const elsewhere = {
        "uipath:baseUrl": "https://automation.example.invalid",
        "uipath:clientId": "c",
        "uipath:clientSecret": "s",
    };

    it("refuses verify: true without the product's host, in one line naming the setting", async () => {
        for (const [kind, setting, env] of [
            [documentUnderstandingApiKeyKind, "uipath:duUrl", "UIPATH_DU_URL"],
            [computerVisionApiKeyKind, "uipath:cvUrl", "UIPATH_CV_URL"],
        ] as const) {
            const { failures } = await keyProvider(kind, contextWith(elsewhere)).check({}, { verify: true });
            assert.equal(failures?.length, 1);
            assert.equal(failures?.[0]?.property, "verify");
            const reason = failures?.[0]?.reason ?? "";
            assert.ok(reason.includes(`set ${setting} (or ${env}`), reason);
            assert.match(reason, /https:\/\/automation\.example\.invalid/);
            assert.doesNotMatch(reason, /\n/);
        }
    });

    it("accepts it with the host set, on Public Sector, or without verify", async () => {
        const cases: Array<[Record<string, string>, boolean]> = [
            [{ ...elsewhere, "uipath:duUrl": "https://du.example.invalid" }, true],
            [{ ...elsewhere, "uipath:baseUrl": "https://govcloud.uipath.us" }, true],
            [elsewhere, false],
        ];
        for (const [config, verify] of cases) {
            const { failures } = await keyProvider(documentUnderstandingApiKeyKind, contextWith(config)).check(
                {},
                { verify },
            );
            assert.deepEqual(failures, [], JSON.stringify(config));
        }
    });
});

/** Makes the product's check route answer `status` from now on. */
async function answerCheckWith(api: Api, path: string, status: number): Promise<void> {
    const res = await api.put("/__emulator/faults", { json: { faults: [{ path, status }] } });
    assert.equal(res.status, 200);
}

/** `create` with `verify: true` of a product key against the emulator. */
async function createVerified(url: string, kind = documentUnderstandingApiKeyKind) {
    const notices: string[] = [];
    const context = contextWith(
        {
            "uipath:baseUrl": url,
            "uipath:duUrl": url,
            "uipath:cvUrl": url,
            "uipath:clientId": DEMO.clientId,
            "uipath:clientSecret": DEMO.clientSecret,
        },
        notices,
    );
    const provider = keyProvider(kind, context);
    try {
        const created = await provider.create({ verify: true });
        return { created, notices, error: undefined };
    } catch (error) {
        return { created: undefined, notices, error };
    }
}

describe("verify of a Document Understanding key", () => {
    const route = "^/metering/validate$";

    it("succeeds without a notice when the check answers 200", () =>
        withEmulator(async ({ emu }) => {
            const { created, notices, error } = await createVerified(emu.url);
            assert.equal(error, undefined);
            assert.ok(created?.outs.apiKey);
            assert.deepEqual(notices, []);
            assert.ok(
                emu.audit().some((e) => e.method === "POST" && e.path === "/metering/validate" && e.status === 200),
            );
        }));

    for (const status of [400, 404]) {
        it(`says it could not check the key, and succeeds, when the check answers ${status}`, () =>
            withEmulator(async ({ emu, api }) => {
                await answerCheckWith(api, route, status);
                const { created, notices, error } = await createVerified(emu.url);
                assert.equal(error, undefined, "the key is not proven bad: the resource succeeds");
                assert.ok(created?.outs.apiKey);
                assert.equal(notices.length, 1);
                assert.match(
                    notices[0] ?? "",
                    /^uipath: verify: could not check the apiKey of demo-org\/documentUnderstanding \(fingerprint [0-9a-f]{16}\): /,
                );
                assert.match(
                    notices[0] ?? "",
                    new RegExp(
                        `answered ${status} to the check .*withdrew in 2023.*modeled: the key is not proven bad`,
                    ),
                );
                assert.doesNotMatch(notices[0] ?? "", /rejected/);
                assert.ok(!(notices[0] ?? "").includes(String(created?.outs.apiKey)), "never the key itself");
            }));
    }

    for (const status of [401, 403]) {
        it(`reports the key rejected, recording it, when the check answers ${status}`, () =>
            withEmulator(async ({ emu, api }) => {
                await answerCheckWith(api, route, status);
                const { error, notices } = await createVerified(emu.url);
                assert.ok(error instanceof KeyVerificationError, String(error));
                assert.match(
                    error.message,
                    new RegExp(
                        `^verify: the apiKey of demo-org/documentUnderstanding \\(fingerprint [0-9a-f]{16}\\) did not work when tried: Document Understanding rejected the key \\(${status}\\)`,
                    ),
                );
                assert.equal(typeof error.properties.apiKey, "string", "the key is still recorded");
                assert.ok(!error.message.includes(String(error.properties.apiKey)));
                assert.deepEqual(notices, []);
            }));
    }

    it("fails without calling it a rejection when the service is unavailable", () =>
        withEmulator(async ({ emu, api }) => {
            await answerCheckWith(api, route, 503);
            const { error } = await createVerified(emu.url);
            assert.ok(error instanceof KeyVerificationError, String(error));
            assert.doesNotMatch(error.message, /rejected/);
            assert.match(error.message, /503/);
        }));
});

describe("verify of a Computer Vision key", () => {
    it("says it could not check the key when its modeled route answers 404", () =>
        withEmulator(async ({ emu, api }) => {
            await answerCheckWith(api, "^/api/v1/status$", 404);
            const { error, notices } = await createVerified(emu.url, computerVisionApiKeyKind);
            assert.equal(error, undefined);
            assert.match(
                notices[0] ?? "",
                /^uipath: verify: could not check the apiKey of demo-org\/computerVision .*Computer Vision answered 404 to the check \(UiPath publishes no Computer Vision key check/,
            );
        }));

    it("reports the key rejected on 401", () =>
        withEmulator(async ({ emu, api }) => {
            await answerCheckWith(api, "^/api/v1/status$", 401);
            const { error } = await createVerified(emu.url, computerVisionApiKeyKind);
            assert.ok(error instanceof KeyVerificationError);
            assert.match(error.message, /Computer Vision rejected the key \(401\)/);
        }));
});
