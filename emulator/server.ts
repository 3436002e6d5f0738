/**
 * The HTTP server's lifecycle: listen (port 0 picks a free one), close, stop on signals.
 * What happens to each request is the pipeline's business (pipeline.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the server hands every request to. */
export interface RequestHandler {
    /** Must not reject: it answers its own failures. */
    handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
    /** Called when the server closes (e.g. to cancel pending delays). */
    close(): void;
}

export interface EmulatorServerOptions {
    handler: RequestHandler;
    host: string;
    /** 0 picks a free port; {@link EmulatorServer.start} resolves with the real one. */
    port: number;
}

export class EmulatorServer {
    private readonly options: EmulatorServerOptions;
    private readonly server: http.Server;
    private address: string | undefined;

    constructor(options: EmulatorServerOptions) {
        this.options = options;
        this.server = http.createServer((req, res) => void options.handler.handle(req, res));
        // Slow or stalled clients are cut off instead of holding a request open for minutes.
        this.server.requestTimeout = 30_000;
        this.server.headersTimeout = 10_000;
        this.server.on("clientError", (_err, socket) => {
            if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            else socket.destroy();
        });
    }

    /** Listens and resolves with the base URL (the real port when 0 was asked for). */
    async start(): Promise<string> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(this.options.port, this.options.host, () => {
                this.server.off("error", reject);
                resolve();
            });
        });
        const { address, port, family } = this.server.address() as AddressInfo;
        this.address = `http://${family === "IPv6" ? `[${address}]` : address}:${port}`;
        return this.address;
    }

    get url(): string {
        if (!this.address) throw new Error("EmulatorServer.start() has not completed");
        return this.address;
    }

    /** Stops listening, drops open connections and abandons requests still waiting on a fault delay. */
    async close(): Promise<void> {
        this.options.handler.close();
        if (!this.server.listening) return;
        await new Promise<void>((resolve) => {
            this.server.close(() => resolve());
            this.server.closeAllConnections();
        });
    }
}

export interface StopOnSignalsOptions {
    /** Closes everything (server and store). */
    close: () => Promise<void>;
}

/** SIGINT/SIGTERM: close, then exit 0 (1 if closing fails). A second signal exits 1 at once. For the CLI. */
export function stopOnSignals(options: StopOnSignalsOptions): void {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
        if (stopping) process.exit(1); // second signal: give up waiting
        stopping = true;
        console.log(`Received ${signal}, shutting down`);
        options.close().then(
            () => process.exit(0),
            (err: unknown) => {
                console.error("emulator: error while closing:", err);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
}
