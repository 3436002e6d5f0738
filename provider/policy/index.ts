/**
 * `pulumi-uipath-keys/policy`: the credential-hygiene policy pack, for `pulumi preview
 * --policy-pack`. Runs in the policy pack's process (the CLI's analyzer), never in the user's
 * program: the package's main entry does not load it, so `@pulumi/policy` is needed only by
 * those who use it. `policy-pack/` in the package is a ready pack built from
 * {@link createPolicyPack}.
 */
import { PolicyPack, type EnforcementLevel, type Policies, type PolicyPackConfig } from "@pulumi/policy";
import { credentialAssets } from "./credentialAssets";
import { rotationMaxAge } from "./rotationMaxAge";
import { scopeAllowList } from "./scopeAllowList";
import { secretOutputs } from "./secretOutputs";
import { verifyOn } from "./verifyOn";

export { PolicyConfigError } from "./config";

/**
 * The policies, each with its settings (its `configSchema`): `uipath-rotation-max-age`
 * (`maxAge`), `uipath-credential-assets`, `uipath-no-plain-secret-outputs`, `uipath-verify-on`
 * (`stackPattern`), `uipath-scope-allow-list` (`allowedScopes`). Add them to a pack of your own.
 */
export const uipathKeysPolicies: Policies = [rotationMaxAge, credentialAssets, secretOutputs, verifyOn, scopeAllowList];

/** The names of {@link uipathKeysPolicies}, as `--policy-pack-config` keys them. */
export const policyNames = uipathKeysPolicies.map((policy) => policy.name);

/** Options of {@link createPolicyPack}. */
export interface UiPathKeysPolicyPackOptions {
    /** Every policy's enforcement level unless its configuration says otherwise (default `mandatory`). */
    enforcementLevel?: EnforcementLevel;
    /**
     * Settings in code, in the shape of a `--policy-pack-config` file: per policy name, an
     * enforcement level or an object with `enforcementLevel` and the policy's settings. A
     * `--policy-pack-config` file given to the CLI takes precedence.
     */
    config?: PolicyPackConfig;
}

/**
 * Creates the policy pack: call it once in a policy pack's `index.ts` (a process serves one
 * pack). `name` is what the CLI shows and what `--policy-pack-config` files belong to.
 */
export function createPolicyPack(name = "uipath-keys", options: UiPathKeysPolicyPackOptions = {}): PolicyPack {
    return new PolicyPack(
        name,
        {
            policies: uipathKeysPolicies,
            enforcementLevel: options.enforcementLevel ?? "mandatory",
            description:
                "Credential hygiene for pulumi-uipath-keys: rotation, secret assets and outputs, verification, scopes.",
        },
        options.config,
    );
}
