/**
 * A private PostgreSQL for the team tests: Pulumi's DIY PostgreSQL state backend
 * (`pulumi login postgres://…`) needs a real database. {@link startPostgres} runs initdb and
 * pg_ctl into a temporary folder on a free loopback port, with its own user and database,
 * and {@link PostgresServer.stop} stops it by pid. `UIPATH_KEYS_TEST_POSTGRES_URL` points the
 * tests at a database of your own instead (nothing is started then).
 *
 * What the backend needs, read in github.com/pulumi/pulumi/pkg/v3@v3.274.1/backend/diy/postgres:
 * a `postgres://user:password@host:port/database` URL (README.md; lib/pq parameters such as
 * `sslmode` pass through, `table=` names the state table, default `pulumi_state`), and a role
 * that may create that table: the backend creates it itself when `to_regclass` does not find it
 * (bucket.go, NewPostgresBucket, with schema.sql). So an empty database owned by the test user is
 * all it needs.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { runProcess } from "../../scripts/process";

/** Set it to a `postgres://` URL to run the team tests against your own database. */
export const externalDatabaseEnv = "UIPATH_KEYS_TEST_POSTGRES_URL";

/** What a missing server installation says, in one line. */
const INSTALL_HINT =
    "the team tests need PostgreSQL's server binaries (initdb, pg_ctl): none in /usr/lib/postgresql/*/bin or on PATH; " +
    `install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql) or set ${externalDatabaseEnv}`;

/** Seconds pg_ctl waits for the server to accept connections; far above a cold start on a loaded 2-core machine. */
const START_DEADLINE_S = 120;
/** How long a stop waits for the server to exit after SIGINT before it sends SIGKILL. */
const STOP_DEADLINE_MS = 30_000;

const TEST_USER = "uipath_keys_test";
const TEST_DATABASE = "pulumi_state";

export interface PostgresServer {
    /** A `postgres://` URL for `pulumi login` / `PULUMI_BACKEND_URL`. */
    readonly url: string;
    /** The postmaster's pid (undefined for a database of your own). */
    readonly pid: number | undefined;
    /** Stops the server by pid and removes its folder; a no-op for a database of your own. */
    stop(): Promise<void>;
}

/**
 * The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/<version>/bin (Debian's
 * layout, where they are not on PATH), else PATH. Throws one line saying what to install.
 */
export function findPostgresBin(where: { debianRoot?: string; pathEnv?: string } = {}): string {
    const has = (dir: string): boolean =>
        ["initdb", "pg_ctl"].every((name) => {
            try {
                fs.accessSync(path.join(dir, name), fs.constants.X_OK);
                return true;
            } catch {
                return false;
            }
        });
    const debianRoot = where.debianRoot ?? "/usr/lib/postgresql";
    const versions = fs.existsSync(debianRoot)
        ? fs
              .readdirSync(debianRoot)
              .filter((v) => /^\d+(\.\d+)?$/.test(v))
              .sort((a, b) => Number(b) - Number(a))
        : [];
    for (const version of versions) {
        const dir = path.join(debianRoot, version, "bin");
        if (has(dir)) return dir;
    }
    for (const dir of (where.pathEnv ?? process.env.PATH ?? "").split(path.delimiter)) if (dir && has(dir)) return dir;
    throw new Error(INSTALL_HINT);
}

/** A free TCP port on loopback (the kernel's pick; closed again before the server binds it). */
function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const { port } = server.address() as net.AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/**
 * How to run the server's programs. initdb and postgres refuse to run as root (initdb 15 as root:
 * "initdb: error: cannot be run as root", hinting to run it as "the (unprivileged) user that will
 * own the server process"; https://www.postgresql.org/docs/15/app-initdb.html), and CI here runs
 * as root: then every server program (initdb, pg_ctl, createdb) runs through util-linux `setpriv` as an
 * unprivileged account (Debian's `postgres` when the package created it, else `nobody`), which
 * owns the cluster's folder. setpriv execs the program in place, so the pid we see is the
 * program's, and it needs no PAM session (unlike `su`/`runuser`).
 */
interface Runner {
    command(program: string, args: string[]): [string, string[]];
    /** Gives the folder to the account the server runs as. */
    own(dir: string): void;
}

function accountIds(name: string): { uid: number; gid: number } | undefined {
    const line = fs
        .readFileSync("/etc/passwd", "utf8")
        .split("\n")
        .find((l) => l.startsWith(`${name}:`));
    if (!line) return undefined;
    const [, , uid, gid] = line.split(":");
    return { uid: Number(uid), gid: Number(gid) };
}

function serverRunner(): Runner {
    if (process.getuid?.() !== 0) return { command: (program, args) => [program, args], own: () => {} };
    const ids = accountIds("postgres") ?? accountIds("nobody");
    if (!ids)
        throw new Error("running as root, the team tests need a 'postgres' or 'nobody' account to run PostgreSQL as");
    return {
        command: (program, args) => [
            "setpriv",
            [`--reuid=${ids.uid}`, `--regid=${ids.gid}`, "--clear-groups", "--", program, ...args],
        ],
        own: (dir) => fs.chownSync(dir, ids.uid, ids.gid),
    };
}

/** Whether `pid` still runs (an exited server nobody reaped yet, a zombie, counts as gone). */
export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
    }
    try {
        // Field 3 of /proc/<pid>/stat is the state; the name before it is in parentheses.
        return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
        return true; // no /proc (macOS): kill(0) answered
    }
}

/** Servers this process started and has not stopped yet (pid to folder): killed and removed if the process exits first. */
const running = new Map<number, string>();
let exitHookInstalled = false;

/**
 * pg_ctl detaches the server, so a test process that dies (a failed assertion is fine, that
 * reaches `stop`; a timeout's SIGTERM or an uncaught error is not) would leave it running. Kill
 * what is left, synchronously, on the way out.
 */
function installExitHook(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    const killAll = (): void => {
        for (const [pid, root] of running) {
            try {
                process.kill(pid, "SIGQUIT"); // PostgreSQL's immediate shutdown
            } catch {
                // already gone
            }
            try {
                fs.rmSync(root, { recursive: true, force: true });
            } catch {
                // a file the dying server still wrote; the system's temp cleaning takes it
            }
        }
    };
    process.on("exit", killAll);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => {
            killAll();
            process.exit(128 + os.constants.signals[signal]);
        });
    }
}

/** A database of your own, from {@link externalDatabaseEnv}: each run gets its own state table there. */
export function externalDatabase(url: string): PostgresServer {
    const parsed = new URL(url);
    if (parsed.protocol !== "postgres:") throw new Error(`${externalDatabaseEnv} must be a postgres:// URL`);
    // A fresh table per run (the backend creates it), so runs never see each other's stacks.
    if (!parsed.searchParams.has("table"))
        parsed.searchParams.set("table", `uipath_keys_test_${crypto.randomBytes(4).toString("hex")}`);
    return { url: parsed.toString(), pid: undefined, stop: () => Promise.resolve() };
}

/**
 * Starts a private PostgreSQL (or hands out {@link externalDatabaseEnv}'s database). Trust
 * authentication on loopback only: the cluster is private to this test process and gone after.
 */
export async function startPostgres(): Promise<PostgresServer> {
    const own = process.env[externalDatabaseEnv];
    if (own) return externalDatabase(own);

    const bin = findPostgresBin();
    const runner = serverRunner();
    const run = async (program: string, args: string[]): Promise<void> => {
        const [command, fullArgs] = runner.command(path.join(bin, program), args);
        // A neutral working folder and locale: the unprivileged account may not read ours.
        await runProcess(command, fullArgs, { cwd: "/", env: { ...process.env, LC_ALL: "C" } });
    };

    const root = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-pg-"));
    runner.own(root);
    const dataDir = path.join(root, "data");
    const port = await freePort();
    let pid: number | undefined;
    try {
        await run("initdb", [
            "--pgdata",
            dataDir,
            "--username",
            TEST_USER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ]);
        // Loopback only; the socket in our folder (Debian's default folder is not writable by the
        // server's account); durability off, as nothing outlives the test.
        const serverOptions = [
            `-c listen_addresses=127.0.0.1`,
            `-c port=${port}`,
            `-c unix_socket_directories=${root}`,
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ].join(" ");
        await run("pg_ctl", [
            "start",
            "--pgdata",
            dataDir,
            "--log",
            path.join(root, "server.log"),
            "--wait",
            "--timeout",
            String(START_DEADLINE_S),
            "-o",
            serverOptions,
        ]);
        // First line of postmaster.pid (https://www.postgresql.org/docs/15/storage-file-layout.html).
        pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
        running.set(pid, root);
        installExitHook();
        await run("createdb", ["--host", "127.0.0.1", "--port", String(port), "--username", TEST_USER, TEST_DATABASE]);
    } catch (err) {
        if (pid !== undefined) await stopByPid(pid);
        const log = path.join(root, "server.log");
        const why = fs.existsSync(log) ? new Error(`${String(err)}\n${fs.readFileSync(log, "utf8")}`) : err;
        fs.rmSync(root, { recursive: true, force: true });
        throw why;
    }
    const serverPid = pid;
    return {
        url: `postgres://${TEST_USER}@127.0.0.1:${port}/${TEST_DATABASE}?sslmode=disable`,
        pid: serverPid,
        async stop() {
            await stopByPid(serverPid);
            fs.rmSync(root, { recursive: true, force: true });
        },
    };
}

/** SIGINT is PostgreSQL's fast shutdown (https://www.postgresql.org/docs/15/server-shutdown.html); SIGKILL after the deadline. */
async function stopByPid(pid: number): Promise<void> {
    try {
        process.kill(pid, "SIGINT");
    } catch {
        running.delete(pid);
        return;
    }
    const deadline = Date.now() + STOP_DEADLINE_MS;
    while (isAlive(pid)) {
        if (Date.now() > deadline) {
            process.kill(pid, "SIGKILL");
            break;
        }
        await sleep(50);
    }
    running.delete(pid);
}
