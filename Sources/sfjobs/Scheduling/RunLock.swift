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

    /// Opens (creating it 0600 if needed) and locks `path`, then writes this process's id into it
    /// when it is empty or holds only an earlier id: any other file (a script given as `--lock` by
    /// mistake) is locked as it is, never rewritten.
    static func acquire(_ path: String) throws(Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .unusable("cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { throw .held }
            throw .unusable("cannot lock \(path): \(String(cString: strerror(code)))")
        }
        guard holdsAtMostAnID(fd) else { return }
        var text = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        text.withUTF8 { _ = pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Whether the open file is empty or holds a process id and a newline, as this lock writes.
    private static func holdsAtMostAnID(_ fd: Int32) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count >= 0, count < bytes.count else { return false }
        return bytes[..<count].allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "\n") }
    }
}
