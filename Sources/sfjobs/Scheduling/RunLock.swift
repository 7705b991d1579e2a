#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a file, taken without waiting and held for the rest of the process's
/// life: its descriptor is never closed, so the kernel releases the lock when the process ends,
/// however it ends.
enum RunLock {
    /// Why the lock was not taken.
    enum Failure: Error {
        /// Another process holds it.
        case held
        /// The file could not be opened or locked; the message says why.
        case unusable(String)
    }

    /// Opens (creating it 0600 if needed) and locks `path`, then writes this process's id into it.
    static func acquire(_ path: String) throws(Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unusable("cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .held }
            throw .unusable("cannot lock \(path): \(String(cString: strerror(code)))")
        }
        var text = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        text.withUTF8 { _ = pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
}
