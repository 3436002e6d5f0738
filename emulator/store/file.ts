/**
 * On-disk store: `<dataDir>/state.json`, replaced atomically on every change.
 *
 * Write protocol (why: a crash at any instant leaves either the old or the new file, never a
 * torn one): write a temp file in the same directory → fsync it → rename over state.json →
 * fsync the directory so the rename itself is durable. Leftover temp files from a crash are
 * never read, and are removed at the next start.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { CopyOnWriteStore } from "./store";
import { StateSchema, type State } from "./state";

export const STATE_FILE = "state.json";
const TEMP_PREFIX = `${STATE_FILE}.tmp-`;

export interface FileStoreOptions {
    /** Directory holding state.json; created if missing. */
    dataDir: string;
    /** Builds the first state when the directory has no state.json yet. */
    seed: () => State;
}

export class FileStore extends CopyOnWriteStore {
    private readonly dataDir: string;

    private constructor(dataDir: string, initial: State) {
        super(initial);
        this.dataDir = dataDir;
    }

    /** Loads state.json if present (it wins over the seed), else seeds and writes it. */
    static open(options: FileStoreOptions): FileStore {
        const dataDir = path.resolve(options.dataDir);
        fs.mkdirSync(dataDir, { recursive: true });
        removeLeftoverTempFiles(dataDir);
        const existing = loadStateFile(path.join(dataDir, STATE_FILE));
        const store = new FileStore(dataDir, existing ?? options.seed());
        if (!existing) store.persist(store.read());
        return store;
    }

    protected persist(state: State): void {
        writeAtomically(this.dataDir, STATE_FILE, JSON.stringify(state, null, 2) + "\n");
    }
}

function loadStateFile(file: string): State | undefined {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw err;
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (cause) {
        throw new Error(`${file} is not valid JSON; fix or delete it to start from the seed`, { cause });
    }
    const parsed = StateSchema.safeParse(json);
    if (!parsed.success) {
        throw new Error(`${file} does not match the emulator state format: ${parsed.error.message}`);
    }
    return parsed.data;
}

function removeLeftoverTempFiles(dataDir: string): void {
    for (const name of fs.readdirSync(dataDir)) {
        if (name.startsWith(TEMP_PREFIX)) fs.rmSync(path.join(dataDir, name), { force: true });
    }
}

/** Exported for tests: the same protocol the store uses. */
export function writeAtomically(dir: string, name: string, content: string): void {
    const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
    const fd = fs.openSync(temp, "w", 0o600);
    try {
        fs.writeFileSync(fd, content);
        fs.fsyncSync(fd);
    } finally {
        fs.closeSync(fd);
    }
    try {
        fs.renameSync(temp, path.join(dir, name));
    } catch (err) {
        fs.rmSync(temp, { force: true });
        throw err;
    }
    fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
    let fd: number | undefined;
    try {
        fd = fs.openSync(dir, "r");
        fs.fsyncSync(fd);
    } catch (err) {
        // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL") throw err;
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}
