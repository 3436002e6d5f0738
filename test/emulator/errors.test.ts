/** The error factory: each factory is named after the errorCode it produces. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EmulatorError, errors, oauthErrors } from "../../emulator/errors";

/** Arguments for factories whose parameters are not plain strings. */
const SAMPLE_ARGS: Record<string, unknown[]> = {
    validationFailed: [{ field: ["message"] }],
    insufficientScope: [["PM.OAuthApp"]],
    credentialNotAccepted: ["a user's", ["externalApp"]],
    methodNotAllowed: [["GET"]],
    unsupportedMediaType: [["application/json"]],
    payloadTooLarge: [1024],
    tooManyRequests: [3],
    injectedFault: [503, 3],
};

/** "TenantNotFound" → "tenantNotFound"; "invalid_grant" → "invalidGrant". */
function lowerCamel(code: string): string {
    const camel = code.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    return camel[0]!.toLowerCase() + camel.slice(1);
}

function check(factories: Record<string, (...args: never[]) => EmulatorError>): void {
    for (const [name, factory] of Object.entries(factories)) {
        const made = (factory as (...args: unknown[]) => EmulatorError)(...(SAMPLE_ARGS[name] ?? ["x", "y"]));
        assert.ok(made instanceof EmulatorError, name);
        assert.equal(lowerCamel(made.errorCode), name, `errors factory '${name}' produces '${made.errorCode}'`);
    }
}

describe("error factory", () => {
    it("names every UiPath-style factory after the errorCode it produces", () => check(errors));
    it("names every OAuth factory after the OAuth error it produces", () => check(oauthErrors));

    it("injects a 429 as TooManyRequests and any other status as InjectedFault", () => {
        assert.equal(errors.tooManyRequests().errorCode, "TooManyRequests");
        assert.equal(
            errors.injectedFault(429).errorCode,
            "InjectedFault",
            "the fault step picks tooManyRequests for 429",
        );
    });
});
