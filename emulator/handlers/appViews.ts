/**
 * Response shapes of external applications: ExternalClientDto and SecretDto (documented: UiPath's
 * "IdentityServer Internal API" swagger, UiPath/uipathcli@bd53dd14ec816c3c7d7c91934e5afb629a0da6cf
 * definitions/identity.yaml L6326-L6344, L6662-L6705). Field order as in the docs' examples.
 *
 * Modeled: secret values appear only in the response that creates them; reads answer
 * `secret: null` (the field is nullable in SecretDto). The docs' examples show values on reads;
 * the UI shows a secret once, and so does the emulator.
 */
import { resourcesFor } from "../catalog";
import { wireResources, type WireOptions } from "../wire";
import type { AppState, SecretState } from "../store/state";

export interface SecretView {
    id: number;
    description: string | null;
    secret: string | null;
    creationTime: string;
    expiryTime: string | null;
}

export function secretView(secret: SecretState, reveal: boolean): SecretView {
    return {
        id: secret.id,
        description: secret.description,
        secret: reveal ? secret.value : null,
        creationTime: new Date(secret.creationTime).toISOString(),
        expiryTime: secret.expiryTime === null ? null : new Date(secret.expiryTime).toISOString(),
    };
}

/**
 * `reveal` only when the app was just created (its first secret is the one being shown); scope
 * types rendered as the seed's `wire` says. `omitSecrets`: the `wire.omitSecretsFromCreateAnswer`
 * fault (no `secrets` list at all).
 */
export function appView(app: AppState, reveal: boolean, wire: WireOptions, omitSecrets = false) {
    return {
        name: app.name,
        id: app.id,
        secret: reveal ? (app.secrets[0]?.value ?? null) : null,
        isConfidential: app.isConfidential,
        redirectUri: app.redirectUri,
        resources: wireResources(resourcesFor(app.scopes, app.userScopes ?? []), wire),
        ...(omitSecrets ? {} : { secrets: app.secrets.map((s) => secretView(s, reveal)) }),
    };
}
