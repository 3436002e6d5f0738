/**
 * The auth step: turns `Authorization: Bearer <x>` into a {@link Caller}. `<x>` is either an
 * access token we issued (client credentials or user-key exchange) or a personal access token.
 * Every failure is the same 401 so a caller cannot probe which tokens exist.
 */
import type { Caller, Deps } from "./context";
import { errors } from "./errors";
import { findApp, findUserByPat, sameId, type OrgState } from "./store/state";

export function bearerToken(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    return match?.[1];
}

/** Resolves the caller for a route under `org`; throws 401 when there is none. */
export function authenticate(authorization: string | undefined, org: OrgState | undefined, deps: Deps): Caller {
    const token = bearerToken(authorization);
    if (!token) throw errors.unauthorized();
    const inOrg = (name: string): boolean => !org || sameId(org.name, name);

    const grant = deps.tokens.lookup(token);
    if (grant) {
        if (!inOrg(grant.org)) throw errors.unauthorized();
        if (grant.kind === "userKey")
            return { kind: "userKey", org: grant.org, tenant: grant.tenant, userKey: grant.userKey };
        // A deleted app's tokens die with it.
        const owner = deps.store.read().orgs.find((o) => sameId(o.name, grant.org));
        if (!owner || !findApp(owner, grant.clientId)) throw errors.unauthorized();
        return { kind: "app", org: grant.org, clientId: grant.clientId, scopes: grant.scopes };
    }

    const pat = findUserByPat(deps.store.read(), token);
    if (pat && inOrg(pat.org.name)) {
        return { kind: "user", org: pat.org.name, userId: pat.user.id, email: pat.user.email };
    }
    throw errors.unauthorized();
}
