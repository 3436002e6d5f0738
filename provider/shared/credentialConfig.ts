/**
 * The connection settings that are credentials, and what is said when one is
 * found in plaintext in the stack config. Pulumi saves a provider's config in
 * state (the dynamic path: the stack config as the provider's inputs; the
 * plugin: its `uipath-keys:` config as the default provider's inputs), so such
 * a value would sit in plaintext in state and its backups. Both paths refuse it
 * with the same words: `resources/plaintextSecrets.ts` (program side, which
 * knows the secret keys from `PULUMI_CONFIG_SECRET_KEYS`) and
 * `plugin/configure.ts` (the plugin's `Configure`, whose arguments keep the
 * engine's secret marks).
 */

/** Setting names (after the `uipath:` or `uipath-keys:` namespace) whose values are credentials. */
export const credentialSettingNames = ["clientSecret", "accessToken", "clientAssertion"] as const;

/** The one-line refusal naming the exact command that fixes each key (full keys, namespace included). */
export function plaintextCredentialsRefusal(keys: readonly string[]): string {
    const one = keys.length === 1;
    const fixes = keys.map((key) => `\`pulumi config set --secret ${key}\``).join(" and ");
    return `${keys.join(" and ")} ${one ? "is" : "are"} set in plaintext in the stack config, so ${one ? "it" : "they"} would be saved in plaintext in state: set ${one ? "it" : "them"} again as a secret with ${fixes}`;
}
