/**
 * What the external-application tests ask the emulated service: an app as UiPath reports it,
 * its secrets, whether a secret gets a token, and the timeline of secret calls in the audit.
 */
import assert from "node:assert/strict";
import { DEMO } from "../emulator/helpers";
import type { Service } from "./service";

const APPS = `/${DEMO.org}/identity_/api/ExternalClient`;

export interface AppView {
    id: string;
    name: string;
    isConfidential: boolean;
    redirectUri: string | null;
    resources: Array<{ name: string; scopes: Array<{ name: string; type: number | string }> }>;
    secrets: Array<{ id: number; description: string | null; expiryTime: string | null }>;
}

/** The app as the emulator reports it to an administrator, or undefined when it does not exist. */
export async function appNow(s: Service, clientId: string): Promise<AppView | undefined> {
    const res = await s.api.get(`${APPS}/${DEMO.pg}/${clientId}`, { token: DEMO.adminPat });
    if (res.status === 404) return undefined;
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as AppView;
}

/** The ids of the app's secrets, in creation order. */
export async function secretIds(s: Service, clientId: string): Promise<number[]> {
    return ((await appNow(s, clientId))?.secrets ?? []).map((x) => x.id);
}

/** ApiScopeType by number (0, 1, 2: declaration order), to compare answers of either wire form. */
const SCOPE_TYPE_NAMES = ["user", "application", "userAndApplication"];

/** `scope:type` of every scope the app has, sorted, the type by name whichever form the emulator sends. */
export async function scopesNow(s: Service, clientId: string): Promise<string[]> {
    const app = await appNow(s, clientId);
    const name = (type: number | string) =>
        typeof type === "number" ? (SCOPE_TYPE_NAMES[type] ?? `unknown ${type}`) : type;
    return (app?.resources ?? []).flatMap((r) => r.scopes.map((x) => `${x.name}:${name(x.type)}`)).sort();
}

/** Whether the token endpoint accepts this client secret (the consumer's view). */
export async function secretWorks(s: Service, clientId: string, secret: string): Promise<boolean> {
    const res = await s.api.post(`/${DEMO.org}/identity_/connect/token`, {
        form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
    });
    return res.status === 200;
}

/** Secret calls since `mark`, as "METHOD path-suffix status" lines (the audit never holds a value). */
export function secretCallsSince(s: Service, mark: number): string[] {
    return s.emulator
        .audit()
        .slice(mark)
        .filter((e) => e.mutating && /GenerateSecret|\/secrets\//.test(e.path))
        .map((e) => `${e.method} ${e.path.replace(/^.*\/ExternalClient/, "")} ${e.status}`);
}

/** Deletes a secret as an administrator would in the portal. */
export async function deleteSecretOutOfBand(s: Service, secretId: number): Promise<void> {
    const res = await s.api.delete(`${APPS}/${DEMO.pg}/secrets/${secretId}`, { token: DEMO.adminPat });
    assert.equal(res.status, 204);
}

/** Deletes an app as an administrator would in the portal. */
export async function deleteAppOutOfBand(s: Service, clientId: string): Promise<void> {
    const res = await s.api.delete(`${APPS}/${DEMO.pg}/${clientId}`, { token: DEMO.adminPat });
    assert.equal(res.status, 204);
}
