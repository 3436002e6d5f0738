/**
 * Refuses credentials kept in plaintext in the stack config. Pulumi saves the
 * stack config in state as the provider's inputs, so a `uipath:clientSecret`
 * set without `--secret` would sit in plaintext in state and its backups.
 * The provider process cannot tell (its `configure()` gets every value
 * decrypted, with no mark of which were secret); the user's program can: the
 * language host lists the secret keys in `PULUMI_CONFIG_SECRET_KEYS`.
 */
import * as pulumi from "@pulumi/pulumi";
import { credentialSettingNames, plaintextCredentialsRefusal } from "../shared/credentialConfig";

/** Stack config keys whose values are credentials. */
export const secretConfigKeys = credentialSettingNames.map((name) => `uipath:${name}` as const);

/** The credential keys set in plaintext, or none when the language host does not say which keys are secret. */
export function plaintextSecretKeys(config: Record<string, string>, secretKeysJson: string | undefined): string[] {
    if (!secretKeysJson) return [];
    let secretKeys: unknown;
    try {
        secretKeys = JSON.parse(secretKeysJson);
    } catch {
        return [];
    }
    if (!Array.isArray(secretKeys)) return [];
    return secretConfigKeys.filter((key) => config[key] !== undefined && !secretKeys.includes(key));
}

/**
 * Throws a one-line `RunError` (Pulumi prints it without a stack) naming the
 * exact command that fixes each credential in plaintext, before any resource
 * is registered, so the value never reaches state through this run.
 */
export function refusePlaintextSecrets(): void {
    const keys = plaintextSecretKeys(pulumi.runtime.allConfig(), process.env.PULUMI_CONFIG_SECRET_KEYS);
    if (keys.length === 0) return;
    throw new pulumi.RunError(plaintextCredentialsRefusal(keys));
}
