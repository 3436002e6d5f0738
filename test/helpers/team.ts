/**
 * A team's setup for the engine tests: one emulated UiPath service, one PostgreSQL state
 * database (see ./postgres.ts), and as many runners as a scenario needs, each a working copy
 * of a project with its own `PULUMI_HOME`. At the end every runner's transcript is scanned for
 * secrets, the folders are removed and the emulator is closed, as {@link withKeysStack} does
 * for one stack.
 */
import { startEmulator, type EmulatorOptions, type IssuedSecret } from "../../emulator";
import { Api } from "../emulator/helpers";
import { emulatorConfig, PROVIDER_HTTP_TIMEOUT_MS } from "./fixture";
import type { PostgresServer } from "./postgres";
import { assertNoLeaks } from "./secretScan";
import type { Service } from "./service";
import { TestStack, type TestStackOptions } from "./stack";

export interface TeamStackOptions {
    program: string;
    project: string;
    stackName: string;
    /** Stack config on top of the emulator's connection (`test:*` values the program reads). */
    config?: TestStackOptions["config"];
    /** Extra environment for the stack's CLI runs (its other runners get it too). */
    env?: Record<string, string>;
}

export interface Team extends Service {
    /** A new stack on the team's database, configured for the emulator: the first runner's working copy. */
    stack(options: TeamStackOptions): Promise<TestStack>;
    /** Another runner of `stack`: a second working copy with its own `PULUMI_HOME`, same database. */
    runner(stack: TestStack): TestStack;
    /** Every secret scanned for at the end. */
    secrets(): IssuedSecret[];
}

/** Runs `test` with a fresh emulator and runners on `database`; scans, removes and closes afterwards. */
export async function withTeam(
    database: PostgresServer,
    options: { emulator?: EmulatorOptions },
    test: (team: Team) => Promise<void>,
): Promise<void> {
    const emulator = await startEmulator(options.emulator);
    const runners: TestStack[] = [];
    const team: Team = {
        emulator,
        api: new Api(emulator.url),
        async stack(stackOptions) {
            const stack = await TestStack.create({
                program: stackOptions.program,
                project: stackOptions.project,
                stackName: stackOptions.stackName,
                backendUrl: database.url,
                config: { ...emulatorConfig(emulator.url), ...stackOptions.config },
                env: { UIPATH_HTTP_TIMEOUT_MS: PROVIDER_HTTP_TIMEOUT_MS, ...stackOptions.env },
            });
            runners.push(stack);
            return stack;
        },
        runner(stack) {
            const copy = stack.workingCopy();
            runners.push(copy);
            return copy;
        },
        secrets: () => emulator.secretsEverIssued(),
    };
    let failed = true;
    try {
        await test(team);
        failed = false;
    } finally {
        try {
            if (!failed)
                assertNoLeaks(
                    runners.flatMap((r, i) =>
                        r.transcript().map((e) => ({ ...e, label: `runner ${i + 1} (${r.stackName}) ${e.label}` })),
                    ),
                    team.secrets(),
                );
        } finally {
            for (const runner of runners) await runner.dispose();
            await emulator.close();
        }
    }
}
