/**
 * The shared read layer without HTTP: concurrent callers share one request, a failure
 * reaches every waiter and is not kept, and a write's invalidation drops what it made stale,
 * kept or still under way; refresh's app read takes from the listing what it carries; and the
 * process builds one client per connection. The counts against the emulator are in
 * sharedReadsCalls.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ProviderContext } from "../../provider/runtime/context";
import type { UiPathClient } from "../../provider/runtime/http/client";
import type { RequestSpec, UiPathResponse } from "../../provider/runtime/http/request";
import { SharedReads } from "../../provider/runtime/http/sharedReads";
import { readClient } from "../../provider/runtime/identity/identityApi";

/** A load the test answers by hand, counting how often it was started. */
function manualLoad<T>() {
    const started: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
    const load = () => new Promise<T>((resolve, reject) => void started.push({ resolve, reject }));
    return { load, started };
}

describe("SharedReads", () => {
    it("concurrent callers of one (scope, key) share one request and its answer", async () => {
        const reads = new SharedReads();
        const { load, started } = manualLoad<string[]>();
        const callers = Array.from({ length: 50 }, () => reads.read("org-a", "apps", load));
        assert.equal(started.length, 1);
        started[0]!.resolve(["app-1"]);
        const answers = await Promise.all(callers);
        assert.ok(answers.every((a) => a === answers[0]));
        // Kept for the run: a later caller is answered without a request.
        assert.deepEqual(await reads.read("org-a", "apps", load), ["app-1"]);
        assert.equal(started.length, 1);
        assert.deepEqual(reads.stats, { loads: 1, shared: 50 });
    });

    it("keys and scopes apart are read apart", async () => {
        const reads = new SharedReads();
        let loads = 0;
        const load = async () => ++loads;
        assert.deepEqual(
            await Promise.all([
                reads.read("org-a", "apps", load),
                reads.read("org-a", "folder 1", load),
                reads.read("org-b", "apps", load),
                reads.read("org-a", "apps", load),
            ]),
            [1, 2, 3, 1],
        );
    });

    it("a failure rejects every waiter and is not kept: the next caller asks again", async () => {
        const reads = new SharedReads();
        const { load, started } = manualLoad<string>();
        const waiters = [reads.read("org-a", "apps", load), reads.read("org-a", "apps", load)];
        const refused = new Error("503 after retries");
        started[0]!.reject(refused);
        for (const w of waiters) await assert.rejects(w, (err) => err === refused);
        const retry = reads.read("org-a", "apps", load);
        assert.equal(started.length, 2);
        started[1]!.resolve("answer");
        assert.equal(await retry, "answer");
        assert.equal(await reads.read("org-a", "apps", load), "answer");
        assert.equal(started.length, 2);
    });

    it("invalidate drops the scope's kept reads: the next caller reads again; other scopes keep theirs", async () => {
        const reads = new SharedReads();
        let version = 0;
        const load = async () => ++version;
        assert.equal(await reads.read("org-a", "apps", load), 1);
        assert.equal(await reads.read("org-a|kept", "catalog", load), 2);
        assert.equal(await reads.read("org-b", "apps", load), 3);
        reads.invalidate("org-a");
        assert.equal(await reads.read("org-a", "apps", load), 4);
        assert.equal(await reads.read("org-a|kept", "catalog", load), 2);
        assert.equal(await reads.read("org-b", "apps", load), 3);
    });

    it("a read under way when its scope is invalidated answers its waiters but is not kept", async () => {
        const reads = new SharedReads();
        const { load, started } = manualLoad<string>();
        const before = reads.read("org-a", "apps", load);
        reads.invalidate("org-a");
        const after = reads.read("org-a", "apps", load);
        assert.equal(started.length, 2, "a caller after the write does not join the stale read");
        started[0]!.resolve("before the write");
        started[1]!.resolve("after the write");
        assert.equal(await before, "before the write");
        assert.equal(await after, "after the write");
        assert.equal(await reads.read("org-a", "apps", load), "after the write");
        // The stale read's failure, arriving late, does not drop the fresh one.
        const late = manualLoad<string>();
        const stale = reads.read("org-c", "apps", late.load);
        reads.invalidate("org-c");
        const fresh = reads.read("org-c", "apps", late.load);
        late.started[1]!.resolve("fresh");
        late.started[0]!.reject(new Error("late failure"));
        await assert.rejects(stale);
        assert.equal(await fresh, "fresh");
        assert.equal(await reads.read("org-c", "apps", late.load), "fresh");
        assert.equal(late.started.length, 2);
    });
});

describe("ProviderContext.client", () => {
    it("one client per connection: the same for the same connection, another for another organization or credential", () => {
        const context = new ProviderContext({ env: {}, notice: () => {} });
        const connection = (organization: string, clientSecret: string) => ({
            baseUrl: "https://cloud.uipath.com",
            organization,
            clientId: "app",
            clientSecret,
        });
        const first = context.client(connection("acme", "s1"));
        assert.equal(context.client(connection("acme", "s1")), first);
        assert.notEqual(context.client(connection("other", "s1")), first);
        assert.notEqual(context.client(connection("acme", "s2")), first);
    });
});

describe("readClient (refresh of an app)", () => {
    const app = (id: string, extra: Record<string, unknown> = {}) => ({
        id,
        name: id,
        isConfidential: true,
        resources: [],
        secrets: [{ id: 1 }],
        ...extra,
    });
    /** An Identity whose client answers the listing with `listed` and a GET of one app with `app(id)`. */
    function identity(listed: unknown[]) {
        const paths: string[] = [];
        const reads = new SharedReads();
        const client = {
            organizationPath: "org",
            shared: <T>(what: string, load: () => Promise<T>) => reads.read("org", what, load),
            async send<T>(spec: RequestSpec<T>): Promise<UiPathResponse<T>> {
                paths.push(spec.path);
                const one = /ExternalClient\/pg\/(.+)$/.exec(spec.path);
                return { status: 200, body: spec.schema.parse(one ? app(one[1]!) : listed) };
            },
        };
        return { id: { client: client as unknown as UiPathClient, partitionGlobalId: "pg" }, paths };
    }

    it("takes listed apps from the one listing; one of an odd shape, or without secrets, is read with its own GET", async () => {
        const { id, paths } = identity([app("a"), { id: "odd", isConfidential: "yes" }, app("b", { secrets: null })]);
        assert.equal((await readClient(id, "a"))?.id, "a");
        assert.equal((await readClient(id, "odd"))?.id, "odd");
        assert.equal((await readClient(id, "b"))?.secrets?.length, 1);
        assert.deepEqual(paths, [
            "org/identity_/api/ExternalClient/pg",
            "org/identity_/api/ExternalClient/pg/odd",
            "org/identity_/api/ExternalClient/pg/b",
        ]);
    });
});
