/**
 * `ExternalApplication` in the provider process: an OAuth client of the organization
 * (Identity's documented ExternalClient API, see `../identityApi.ts`).
 *
 * State: the inputs, plus `clientId` (also the resource id), `organization`, `tokenUrl`, and for
 * a confidential app the first secret UiPath creates with it, `secret` (a secret output) and
 * `secretId`. `firstSecret: false` deletes that secret right after creation, for apps whose
 * secrets are all managed by `ExternalApplicationSecret`: the one the 201 lists in `secrets`, or,
 * when it lists none, the app's only secret as a read shows it. With no secret or several there,
 * which one was the first is unknown: nothing is deleted, the app is saved in state and the run
 * fails naming the app and the secret ids to check by hand.
 *
 * check: inputs shape (before any call), then — once the connection is known — every scope
 *   against the organization's catalog (`GET identity_/api/ExternalApiResource`, read once per
 *   run): unknown scopes fail the preview, each named, with the closest known name; so does a
 *   scope the catalog does not allow in that list, and application scopes on a non-confidential
 *   app (UiPath: non-confidential apps have user scopes only).
 * diff: `confidential` or the organization changing → replace (the API cannot change them);
 *   name, redirectUri, scopes → update in place (PUT). Scope lists compare as sets.
 * create: POST ExternalClient. UiPath has no idempotency key: a crash between the POST and the
 *   engine saving state leaves an app behind (visible by name in the portal).
 * read (refresh): GET the app. Gone (404) → the resource leaves state, with a notice that the
 *   next `up` creates a new app (a new client id, handed to dependents). Scopes, name, redirect
 *   URI edited in the portal → the observed values, so the next `up` shows and reverts the drift.
 *   The first secret deleted in the portal → `secret`/`secretId` dropped.
 * update: PUT name, redirect URI, scopes (200, empty body). An app deleted outside Pulumi fails
 *   with what to run (`pulumi refresh`, then `pulumi up`).
 * delete: DELETE the app (its secrets and tokens die with it); already gone is fine.
 */
import { z } from "zod";
import type * as pulumi from "@pulumi/pulumi";
import type { ExternalApplicationArgs } from "../../resources/externalApplication";
import type { ArgsMatch } from "../inputs/argsMatch";
import { connectionSchema } from "../inputs/connection";
import type { ProviderContext } from "../context";
import { factsOf, InputError, NotFoundError, UnfinishedCreateError } from "../reporting/errors";
import {
    createClient,
    deleteClient,
    deleteSecret,
    getClient,
    identityFor,
    scopeCatalog,
    scopesOf,
    updateClient,
    type ClientDto,
    type Identity,
} from "../identity/identityApi";
import { holdsUnknown } from "../inputs/validation";
import {
    dropped,
    inputAndConnectionFailures,
    replacementsOf,
    stateGiven,
    withoutUndefined,
} from "../lifecycle/kindHelpers";
import { scopeFailures } from "./scopeCheck";

const scopeName = z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, "expected a scope name such as OR.Jobs.Read or PM.OAuthApp");

export const externalApplicationInputs = z
    .object({
        name: z.string().trim().min(1, "expected the application's name").max(200, "expected at most 200 characters"),
        confidential: z.boolean().optional(),
        redirectUri: z.url({ error: "expected an absolute URL such as https://app.example.com/callback" }).optional(),
        applicationScopes: z.array(scopeName).optional(),
        userScopes: z.array(scopeName).optional(),
        firstSecret: z.boolean().optional(),
        connection: connectionSchema.optional(),
    })
    .strict()
    .refine((v) => v.confidential !== false || (v.applicationScopes ?? []).length === 0, {
        path: ["applicationScopes"],
        message:
            "a non-confidential application can only have user scopes (UiPath issues it no client-credentials tokens); set confidential: true or move them to userScopes",
    });

export type ExternalApplicationInputs = z.infer<typeof externalApplicationInputs>;

const argsMatch: ArgsMatch<ExternalApplicationArgs, ExternalApplicationInputs> = true;
void argsMatch;

export type ExternalApplicationState = ExternalApplicationInputs & {
    clientId: string;
    organization: string;
    tokenUrl: string;
    secret?: string;
    secretId?: number;
};

const sorted = (v: readonly string[] | undefined) => [...new Set(v ?? [])].sort();
const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const fields = (i: ExternalApplicationInputs) => ({
    name: i.name,
    redirectUri: i.redirectUri ?? null,
    applicationScopes: sorted(i.applicationScopes),
    userScopes: sorted(i.userScopes),
});
/** What replaces an application besides its organization: the API cannot change it (absent means confidential). */
const REPLACE_ON = ["confidential"] as const;

/**
 * `firstSecret: false`: deletes the secret UiPath created with the app. The 201 normally lists it;
 * when it does not, the app's only secret is that one (another could only come from a concurrent edit).
 * Zero or several: ambiguous, see {@link UnfinishedCreateError}.
 */
async function deleteFirstSecret(
    id: Identity,
    name: string,
    app: ClientDto,
    created: ExternalApplicationState,
): Promise<void> {
    let secretIds = (app.secrets ?? []).map((s) => s.id);
    if (secretIds.length === 0) secretIds = ((await getClient(id, app.id))?.secrets ?? []).map((s) => s.id);
    if (secretIds.length === 1) {
        await deleteSecret(id, secretIds[0]!);
        return;
    }
    const found =
        secretIds.length === 0 ? "lists no secret" : `lists ${secretIds.length} secrets (ids ${secretIds.join(", ")})`;
    throw new UnfinishedCreateError(
        `ExternalApplication '${name}' (client id ${app.id}) was created, but UiPath's answer did not say which secret it was created with and the application now ${found}, so firstSecret: false deleted nothing. In the portal (Admin > External applications > ${name}), delete every secret that no ExternalApplicationSecret manages; the application is kept in state`,
        { id: app.id, properties: withoutUndefined(created) },
    );
}

/** The organization's token endpoint for the client-credentials flow. */
export const tokenUrlOf = (id: Identity): string =>
    `${id.client.connection.baseUrl}/${id.client.organizationPath}/identity_/connect/token`;

/** The inputs an application has as UiPath reports it (refresh compares them; an import takes them). */
export function observedInputs(app: ClientDto): Omit<ExternalApplicationInputs, "name"> & { name?: string } {
    return {
        ...scopesOf(app),
        name: app.name ?? undefined,
        redirectUri: app.redirectUri ?? undefined,
        confidential: app.isConfidential,
    };
}

export function externalApplicationProvider(
    context: ProviderContext,
): Required<Omit<pulumi.dynamic.ResourceProvider<ExternalApplicationInputs, ExternalApplicationState>, "configure">> {
    const identity = (inputs: ExternalApplicationInputs): Promise<Identity> => identityFor(context, inputs.connection);
    const tokenUrl = tokenUrlOf;

    return {
        async check(olds, news) {
            const failures = inputAndConnectionFailures(context, externalApplicationInputs, news);
            // A list the last run checked and nothing changed since needs no call: a no-change up or
            // preview reads nothing. Scopes still unknown during preview are checked when known (at
            // `up`, before the create or PUT).
            const sameConnection = JSON.stringify(olds.connection ?? null) === JSON.stringify(news.connection ?? null);
            const checkedBefore = (k: "applicationScopes" | "userScopes") =>
                olds.name !== undefined && sameConnection && sameList(olds[k], news[k]);
            const lists = (["applicationScopes", "userScopes"] as const).filter(
                (k) => !holdsUnknown(news[k]) && !checkedBefore(k),
            );
            if (failures.length > 0 || holdsUnknown(news.connection) || lists.length === 0)
                return { inputs: news, failures };
            try {
                const catalog = await scopeCatalog(context, await identity(news));
                for (const k of lists)
                    failures.push(
                        ...scopeFailures(catalog, news[k] ?? [], k, k === "userScopes" ? "user" : "application"),
                    );
            } catch (err) {
                if (!(err instanceof InputError)) throw err;
                failures.push({ property: "connection", reason: err.message });
            }
            return { inputs: news, failures };
        },

        async diff(_id, olds, news) {
            const replaces = replacementsOf(
                context,
                olds,
                news,
                REPLACE_ON,
                (name) => (olds[name] ?? true) === (news[name] ?? true),
            );
            const changed =
                olds.name !== news.name ||
                (olds.redirectUri ?? null) !== (news.redirectUri ?? null) ||
                !sameList(olds.applicationScopes, news.applicationScopes) ||
                !sameList(olds.userScopes, news.userScopes) ||
                olds.firstSecret !== news.firstSecret ||
                JSON.stringify(olds.connection ?? null) !== JSON.stringify(news.connection ?? null);
            return { changes: replaces.length > 0 || changed, replaces, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const id = await identity(inputs);
            const app = await createClient(id, { ...fields(inputs), isConfidential: inputs.confidential ?? true });
            const created = {
                ...inputs,
                clientId: app.id,
                organization: id.client.connection.organization,
                tokenUrl: tokenUrl(id),
            };
            if (inputs.firstSecret === false) {
                if (app.isConfidential) await deleteFirstSecret(id, inputs.name, app, created);
                return { id: app.id, outs: withoutUndefined(created) };
            }
            const first = app.secret ? { secret: app.secret, secretId: app.secrets?.[0]?.id } : {};
            return { id: app.id, outs: withoutUndefined({ ...created, ...first }) };
        },

        async read(clientId, given) {
            const props = stateGiven(clientId, given);
            const id = await identity(props);
            const app = await getClient(id, clientId);
            if (!app) {
                return dropped(
                    context,
                    `ExternalApplication '${props.name}' (client id ${clientId}) no longer exists in organization '${props.organization}': removed from state; the next \`pulumi up\` creates a new application with a new client id and hands it to dependents.`,
                );
            }
            const seen = observedInputs(app);
            const observed: ExternalApplicationState = { ...props, ...seen, name: seen.name ?? props.name };
            if (props.secretId !== undefined && !(app.secrets ?? []).some((s) => s.id === props.secretId)) {
                context.notice(
                    `ExternalApplication '${props.name}': its first secret (id ${props.secretId}) was deleted outside Pulumi; the secret output is dropped.`,
                );
                delete observed.secret;
                delete observed.secretId;
            }
            return { id: clientId, props: withoutUndefined(observed) };
        },

        async update(clientId, olds, news) {
            const id = await identity(news);
            try {
                await updateClient(id, clientId, fields(news));
            } catch (err) {
                if (!(err instanceof NotFoundError)) throw err;
                throw new NotFoundError(
                    `ExternalApplication '${olds.name}' (client id ${clientId}) no longer exists in organization '${olds.organization}' (deleted outside Pulumi): run \`pulumi refresh\` to drop it from state, then \`pulumi up\` to create it again`,
                    { cause: err, ...factsOf(err) },
                );
            }
            const kept = {
                clientId,
                organization: olds.organization,
                tokenUrl: tokenUrl(id),
                secret: olds.secret,
                secretId: olds.secretId,
            };
            return { outs: withoutUndefined({ ...news, ...kept }) };
        },

        async delete(clientId, props) {
            await deleteClient(await identity(props), clientId);
        },
    };
}
