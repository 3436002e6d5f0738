/**
 * One line for the person running Pulumi, from the provider process. The engine shows what a
 * provider plugin writes to stderr as a diagnostic of the run, in preview too: that is how a
 * dynamic provider (which has no engine logging connection) tells the user what a step will do
 * or what a refresh found. Never pass a secret value here.
 */
export function notice(message: string): void {
    process.stderr.write(`uipath: ${message}\n`);
}
