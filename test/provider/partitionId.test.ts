/**
 * The organization's partitionGlobalId: read from the JWT's `prt_id` claim when the token is one
 * (client credentials), asked of the portal route only for opaque personal access tokens.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProviderContext } from "../../provider/runtime/context";
import { identityFor } from "../../provider/runtime/identity/identityApi";
import { partitionIdFromToken } from "../../provider/runtime/http/tokenClaims";
import { DEMO, withEmulator } from "../emulator/helpers";

const ORG_INFO = /\/portal_\/api\/filtering\/leftnav\/tenantsAndOrganizationInfo$/;

/** A provider process pointed at the emulator with these credentials. */
function contextFor(url: string, credentials: Record<string, string>): ProviderContext {
    const config: Record<string, string> = { "uipath:baseUrl": url, "uipath:organization": DEMO.org, ...credentials };
    return new ProviderContext({ stackConfig: { get: (k) => config[k] }, env: {}, client: { retryBaseMs: 1 } });
}

const jwt = (claims: unknown) =>
    `${Buffer.from("{}").toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("partitionGlobalId", () => {
    it("comes from a client-credentials token's prt_id claim: the portal route is not called", () =>
        withEmulator(async ({ emu }) => {
            const context = contextFor(emu.url, {
                "uipath:clientId": DEMO.clientId,
                "uipath:clientSecret": DEMO.clientSecret,
            });
            const id = await identityFor(context, undefined);
            assert.equal(id.partitionGlobalId, DEMO.pg);
            const paths = emu.audit().map((e) => e.path);
            assert.deepEqual(
                paths.filter((p) => ORG_INFO.test(p)),
                [],
                "no portal call",
            );
            assert.equal(paths.filter((p) => p.endsWith("/identity_/connect/token")).length, 1, "one token request");
        }));

    it("comes from the portal route with a personal access token (opaque: no claims)", () =>
        withEmulator(async ({ emu }) => {
            const context = contextFor(emu.url, { "uipath:accessToken": DEMO.adminPat });
            const id = await identityFor(context, undefined);
            assert.equal(id.partitionGlobalId, DEMO.pg);
            assert.equal(emu.audit().filter((e) => ORG_INFO.test(e.path)).length, 1);
            await identityFor(context, undefined);
            assert.equal(emu.audit().filter((e) => ORG_INFO.test(e.path)).length, 1, "learned once per organization");
        }));

    it("is read from a JWT payload without verifying it, and only when it is a GUID", () => {
        assert.equal(partitionIdFromToken(jwt({ prt_id: DEMO.pg })), DEMO.pg);
        assert.equal(partitionIdFromToken(jwt({ prt_id: "not-a-guid" })), undefined);
        assert.equal(partitionIdFromToken(jwt({ sub: "x" })), undefined);
        assert.equal(partitionIdFromToken("rt_opaque-personal-access-token"), undefined);
        assert.equal(partitionIdFromToken("a.%%%.c"), undefined);
    });
});
