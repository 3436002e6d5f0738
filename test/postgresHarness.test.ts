/**
 * The team tests' PostgreSQL harness (test/helpers/postgres.ts): it finds the newest server
 * binaries, says in one line what to install when there are none, and leaves no server behind.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, it } from "node:test";
import { externalDatabase, findPostgresBin, isAlive, startPostgres } from "./helpers/postgres";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-pg-bins-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A folder holding executables named like the server's. */
function fakeBin(dir: string): string {
    fs.mkdirSync(dir, { recursive: true });
    for (const name of ["initdb", "pg_ctl"]) fs.writeFileSync(path.join(dir, name), "#!/bin/sh\n", { mode: 0o755 });
    return dir;
}

it("finds the newest /usr/lib/postgresql/<version>/bin before PATH", () => {
    const debianRoot = path.join(scratch, "debian");
    fakeBin(path.join(debianRoot, "9.6", "bin"));
    const newest = fakeBin(path.join(debianRoot, "15", "bin"));
    fakeBin(path.join(debianRoot, "13", "bin"));
    const onPath = fakeBin(path.join(scratch, "path-bin"));
    assert.equal(findPostgresBin({ debianRoot, pathEnv: onPath }), newest);
});

it("falls back to PATH", () => {
    const onPath = fakeBin(path.join(scratch, "only-path"));
    assert.equal(
        findPostgresBin({ debianRoot: path.join(scratch, "none"), pathEnv: `/nonexistent:${onPath}` }),
        onPath,
    );
});

it("says in one line what to install when there is no server", () => {
    assert.throws(
        () => findPostgresBin({ debianRoot: path.join(scratch, "none"), pathEnv: path.join(scratch, "empty") }),
        (err: Error) => {
            assert.doesNotMatch(err.message, /\n/);
            assert.match(err.message, /initdb, pg_ctl.*apt-get install postgresql.*UIPATH_KEYS_TEST_POSTGRES_URL/);
            return true;
        },
    );
});

it("a database of your own gets a fresh state table per run, unless the URL names one", () => {
    const url = new URL(externalDatabase("postgres://u:p@db.example:5432/state?sslmode=require").url);
    assert.match(url.searchParams.get("table") ?? "", /^uipath_keys_test_[0-9a-f]{8}$/);
    assert.equal(url.searchParams.get("sslmode"), "require");
    const named = new URL(externalDatabase("postgres://u:p@db.example:5432/state?table=mine").url);
    assert.equal(named.searchParams.get("table"), "mine");
    assert.throws(() => externalDatabase("mysql://db.example/state"), /must be a postgres:\/\/ URL/);
});

it("a private server runs until stopped, then is gone with its folder", { timeout: 180_000 }, async () => {
    if (process.env.UIPATH_KEYS_TEST_POSTGRES_URL) return; // nothing is started for a database of your own
    const server = await startPostgres();
    const pid = server.pid!;
    const dataDir = fs.readlinkSync(`/proc/${pid}/cwd`);
    assert.ok(isAlive(pid), "the server runs");
    assert.match(server.url, /^postgres:\/\/uipath_keys_test@127\.0\.0\.1:\d+\/pulumi_state\?sslmode=disable$/);
    await server.stop();
    assert.ok(!isAlive(pid), "the server is gone");
    assert.equal(fs.existsSync(dataDir), false, "its folder is removed");
});
