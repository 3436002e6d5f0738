/**
 * The emulator's test OpenID issuers (admin routes, nothing of UiPath's): a discovery document,
 * its JWKS, and a token route shaped like GitHub Actions' ID-token request, so a test or a CI job
 * can play GitHub's part offline: `ACTIONS_ID_TOKEN_REQUEST_URL` set to
 * `{emulator}/__emulator/oidc/{name}/token?subject=<sub>` makes a client that appends
 * `&audience=<aud>` get `{"value": "<JWT>"}`, as from GitHub. Identifiers: see ../issuers.ts.
 */
import { z } from "zod";
import { param, type HandlerResult, type RequestContext } from "../context";
import { errors } from "../errors";
import { IssuerRegistry, TEST_ISSUER_PATH } from "../issuers";

const MintQuery = z.strictObject({
    subject: z.string().min(1, "subject is required."),
    audience: z.string().min(1, "audience is required."),
    expiresInSeconds: z.coerce.number().int().min(-86_400).max(86_400).optional(),
    alg: z.enum(["RS256", "RS384", "RS512"]).optional(),
});

const hostOf = (ctx: RequestContext) => ctx.headers.host ?? "localhost";

export function issuerDiscovery(ctx: RequestContext): HandlerResult {
    const name = param(ctx, "name");
    const base = `http://${hostOf(ctx)}${TEST_ISSUER_PATH}${encodeURIComponent(name)}`;
    return {
        status: 200,
        body: {
            issuer: IssuerRegistry.issuerUrl(hostOf(ctx), name),
            jwks_uri: `${base}/jwks`,
            response_types_supported: ["id_token"],
            subject_types_supported: ["public"],
            id_token_signing_alg_values_supported: ["RS256"],
        },
    };
}

export async function issuerJwks(ctx: RequestContext): Promise<HandlerResult> {
    return { status: 200, body: await ctx.deps.issuers.jwks(param(ctx, "name")) };
}

export async function mintToken(ctx: RequestContext): Promise<HandlerResult> {
    const parsed = MintQuery.safeParse(Object.fromEntries(ctx.query));
    if (!parsed.success)
        throw errors.validationFailed({
            [String(parsed.error.issues[0]?.path[0] ?? "query")]: [parsed.error.issues[0]?.message ?? "invalid"],
        });
    const value = await ctx.deps.issuers.mint({ ...parsed.data, name: param(ctx, "name"), host: hostOf(ctx) });
    return { status: 200, headers: { "Cache-Control": "no-store" }, body: { value } };
}
