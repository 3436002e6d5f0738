#!/usr/bin/env node
/**
 * `pulumi-uipath-keys <command>`: the package's operator commands. Today one, `rotate`
 * (cli/rotate/command.ts).
 */
import { rotateCommand } from "./rotate/command";
import { ROTATE_USAGE } from "./rotate/options";

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "rotate") return rotateCommand(rest);
    process.stderr.write(
        `${command === undefined ? "no command given" : `unknown command '${command}'`}; ${ROTATE_USAGE}\n`,
    );
    return 2;
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        process.stderr.write(`[rotate] failed: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}\n`);
        process.exitCode = 1;
    },
);
