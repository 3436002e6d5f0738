/**
 * A team on one PostgreSQL state backend (`pulumi login postgres://…`): two runners (separate
 * working copies and `PULUMI_HOME`) share a stack. The backend's lock keeps a second `up` out
 * while one runs, a dead runner's lock is cleared with `pulumi cancel`, and a scheduled rotation
 * racing a manual `up` never rotates twice. One private PostgreSQL serves every scenario here.
 *
 * The lock is the DIY backend's (github.com/pulumi/pulumi/pkg/v3@v3.274.1/backend/diy/lock.go):
 * a lock object per run under `.pulumi/locks/<org>/<project>/<stack>/`, written then checked
 * again; a run that finds another's refuses with "the stack is currently locked by N lock(s)"
 * and one line per holder: "<url with credentials as ****>: created by user@host (pid N) at
 * <time>". `pulumi cancel` deletes every lock of the stack (backend.go, CancelCurrentUpdate).
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import type { ChildProcess } from "node:child_process";
import { programSource } from "./helpers/programs";
import { startPostgres, type PostgresServer } from "./helpers/postgres";
import { heldProductKey, injectFaults, pendingFaults, regenerations, until } from "./helpers/service";
import type { TestStack } from "./helpers/stack";
import { descendants, killSeen } from "./helpers/processTree";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";
import { withTeam, type Team } from "./helpers/team";

const program = programSource("teamKey");
const DAY = 24 * 3600 * 1000;

/** How long an `up` may take to reach its regeneration (program and provider start first; see interruptionRecovery.test.ts). */
const RUN_START_TIMEOUT_MS = 300_000;

/**
 * The line that names the lock's holder, for a run with pid `pid` on `project`/`stack`. The URL is
 * the backend's with its credentials replaced by `****` (lock.go, lockURLForError).
 */
const holderLine = (project: string, stack: string, pid: number | undefined): RegExp =>
    new RegExp(
        String.raw`^\s*postgres://\*\*\*\*:\*\*\*\*@\S+/\.pulumi/locks/organization/${project}/${stack}/[0-9a-f-]+\.json\S*: created by \S+@\S+ \(pid ${pid}\) at \d{4}-\d\d-\d\dT`,
        "m",
    );
const LOCKED = /the stack is currently locked by 1 lock\(s\)/;

/** Holds the service's next Computer Vision regeneration for `ms` before it answers: the window in which a run holds the lock mid-rotation. */
const holdRegeneration = (team: Team, ms: number): Promise<void> =>
    injectFaults(team, [{ method: "POST", path: "/computerVision/regenerate$", latencyMs: ms, count: 1 }]);

/** How long runner A's rotation holds the lock in the first scenario: long enough for runner B's whole CLI run to reach the lock on a loaded machine. */
const HELD_WHILE_LOCKED_MS = 15_000;

interface Started {
    child: ChildProcess;
    /** Resolves with the exit code and everything the run printed. */
    exited: Promise<{ code: number | null; output: string }>;
}

/** Starts `pulumi up` on a runner without waiting (the run the other runner collides with). */
function startUp(stack: TestStack, args: string[] = []): Started {
    const child = stack.start(["up", "--yes", "--skip-preview", ...args]);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => void (output += chunk));
    child.stderr?.on("data", (chunk: Buffer) => void (output += chunk));
    const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
        child.on("close", (code) => resolve({ code, output })),
    );
    return { child, exited };
}

/**
 * Kills a runner as a dying machine or a cancelled CI job does: the CLI and everything it started
 * (language host, program, dynamic provider) at once. Killing the CLI alone would leave its
 * provider process running, orphaned, after the test.
 */
function killRunner(child: ChildProcess): void {
    const tree = descendants(child.pid!);
    child.kill("SIGKILL");
    killSeen(tree);
}

/** Waits until the held regeneration reached the service; fails at once, with its output, if the run ended first. */
async function regenerationReached(team: Team, run: Started): Promise<void> {
    let ended: string | undefined;
    void run.exited.then(({ output }) => (ended = output));
    await until(
        "the regeneration to reach the service",
        async () => {
            if (ended !== undefined)
                throw new Error(`the up ended before its regeneration reached the service:\n${ended}`);
            return (await pendingFaults(team)).length === 0;
        },
        RUN_START_TIMEOUT_MS,
    );
}

describe("a team on a PostgreSQL backend", () => {
    let database: PostgresServer;
    before(async () => {
        database = await startPostgres();
    });
    after(() => database?.stop());

    it(
        "a second up of the same stack is refused by the lock, naming the holder; nothing rotates twice",
        { timeout: SCENARIO_TIMEOUT_MS },
        () =>
            withTeam(database, {}, async (team) => {
                // The provider waits out the held regeneration: with the tests' 5 s HTTP timeout it would
                // give up first and settle an uncertain rotation, which is another test's concern.
                const a = await team.stack({
                    program,
                    project: "concurrent",
                    stackName: "prod",
                    env: { UIPATH_HTTP_TIMEOUT_MS: String(HELD_WHILE_LOCKED_MS + 30_000) },
                });
                await step("runner A creates the stack (adopts the key)", () => a.up());
                const b = team.runner(a);

                await holdRegeneration(team, HELD_WHILE_LOCKED_MS);
                const runA = startUp(a, ["--config", "test:trigger=r1"]);
                await step("runner A's rotation is under way (the service holds its regeneration)", () =>
                    regenerationReached(team, runA),
                );

                await step("runner B's up of the same change is refused, in one line naming runner A", async () => {
                    const refused = await b.pulumi(["up", "--yes", "--skip-preview", "--config", "test:trigger=r1"], {
                        allowFailure: true,
                    });
                    assert.notEqual(refused.code, 0);
                    assert.match(refused.output, LOCKED);
                    assert.match(refused.output, holderLine("concurrent", "prod", runA.child.pid));
                });

                await step("runner A finishes its rotation", async () => {
                    const { code, output } = await runA.exited;
                    assert.equal(code, 0, output);
                    assert.equal(regenerations(team, "computerVision"), 1);
                });

                await step("runner B's next up finds the rotation done: nothing rotates twice", async () => {
                    const { output } = await b.pulumi(["up", "--yes", "--skip-preview", "--config", "test:trigger=r1"]);
                    assert.doesNotMatch(output, /replace/);
                    assert.equal(regenerations(team, "computerVision"), 1);
                    assert.equal((await b.outputs()).cvKey, await heldProductKey(team, "computerVision"));
                });
            }),
    );

    it(
        "runner A killed mid-rotation: runner B cancels its lock, ups, adopts the key; one regeneration in all",
        { timeout: SCENARIO_TIMEOUT_MS },
        () =>
            withTeam(database, {}, async (team) => {
                const a = await team.stack({ program, project: "killed", stackName: "prod" });
                await step("runner A creates the stack (adopts the key)", () => a.up());
                const b = team.runner(a);

                const runA = startUp(a, ["--config", "test:trigger=r1"]);
                await step("runner A is killed after the service regenerated and before state was saved", async () => {
                    await holdRegeneration(team, 5000);
                    await regenerationReached(team, runA);
                    killRunner(runA.child);
                    await runA.exited;
                    await until(
                        "the service to finish the regeneration",
                        () => regenerations(team, "computerVision") === 1,
                    );
                });

                await step("runner B's up is refused: the dead run's lock names it", async () => {
                    const refused = await b.pulumi(["up", "--yes", "--skip-preview", "--config", "test:trigger=r1"], {
                        allowFailure: true,
                    });
                    assert.notEqual(refused.code, 0);
                    assert.match(refused.output, holderLine("killed", "prod", runA.child.pid));
                });

                await step("runner B cancels, ups, and adopts the key the service already regenerated", async () => {
                    await b.pulumi(["cancel", "--yes"]);
                    const { output } = await b.pulumi(["up", "--yes", "--skip-preview", "--config", "test:trigger=r1"]);
                    assert.match(output, /pending operations|interrupted while creating/);
                    assert.equal(regenerations(team, "computerVision"), 1, "exactly one regeneration in all");
                    assert.equal((await b.outputs()).cvKey, await heldProductKey(team, "computerVision"));
                });
            }),
    );

    it(
        "a scheduled rotation (Automation API) racing a manual up: one rotates, the other is refused or finds it done",
        { timeout: SCENARIO_TIMEOUT_MS },
        () =>
            withTeam(database, {}, async (team) => {
                const a = await team.stack({
                    program,
                    project: "scheduled",
                    stackName: "prod",
                    config: { "test:rotateAfter": "30d" },
                });
                await step("create adopts the key", () => a.up());
                const b = team.runner(a);
                // A month later, for both (the provider's clock: provider/runtime/clock.ts).
                const later = { UIPATH_KEYS_NOW: new Date(Date.now() + 31 * DAY).toISOString() };

                await step("the scheduler's up and a person's up start together; at most one rotates", async () => {
                    // The winner holds the lock a while, so the two overlap even on a loaded machine.
                    await holdRegeneration(team, 5000);
                    const scheduler = await schedulerStack(a, later);
                    let scheduledOutput = "";
                    const [scheduled, manual] = await Promise.allSettled([
                        scheduler.up({ onOutput: (text) => void (scheduledOutput += text) }),
                        b.up({ env: later, allowFailure: true }),
                    ]);
                    a.recordOutput("Automation API up (scheduled rotation)", scheduledOutput);
                    if (scheduled.status === "rejected") {
                        a.recordOutput("Automation API error", String(scheduled.reason));
                        assert.match(String(scheduled.reason), LOCKED, "the scheduler fails only on the lock");
                    }
                    assert.equal(manual.status, "fulfilled");
                    if (manual.value.code !== 0)
                        assert.match(manual.value.output, LOCKED, "a person's up fails only on the lock");
                    assert.ok(regenerations(team, "computerVision") <= 1, "never two regenerations");
                });

                await step("the next up converges on exactly one regeneration", async () => {
                    await b.up({ env: later });
                    assert.equal(regenerations(team, "computerVision"), 1);
                    assert.equal((await b.outputs()).cvKey, await heldProductKey(team, "computerVision"));
                });
            }),
    );
});

/**
 * What a scheduled job runs: the stack through the Automation API, on the test's CLI
 * (`PulumiCommand.get({ root })` runs `<root>/bin/pulumi`) and runner A's environment.
 */
async function schedulerStack(runner: TestStack, env: Record<string, string>) {
    const binDir = runner.toolchain.binDir;
    assert.equal(path.basename(binDir), "bin", `PulumiCommand.get({ root }) runs <root>/bin/pulumi, not ${binDir}`);
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(binDir), skipVersionCheck: true });
    const envVars = Object.fromEntries(
        Object.entries({ ...runner.commandEnv(), ...env }).filter((e): e is [string, string] => e[1] !== undefined),
    );
    return LocalWorkspace.selectStack({ stackName: runner.stackName, workDir: runner.dir }, { pulumiCommand, envVars });
}
