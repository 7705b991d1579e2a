import ArgumentParser
import Logging

extension Frontend {
    /// Takes the `--lock` file for the rest of the process's life; when another process holds it,
    /// logs the skip and exits 75, and when it cannot be used, reports why and exits 1.
    func acquireLock(_ path: String) throws {
        do {
            try RunLock.acquire(path)
        } catch .held {
            Logger(label: "sfjobs").warning("skipped: the lock \(path) is held by another run", metadata: [
                "event": "skipped", "reason": "locked", "lock": .string(path),
            ])
            throw ExitCode(status: ExitStatus.lockHeld)
        } catch .unusable(let message) {
            reporter.report(message: message)
            throw ExitCode(status: ExitStatus.failure)
        }
    }
}
