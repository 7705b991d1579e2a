import CEditline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The REPL's history file, shared by every session of the user: each entry is
/// appended under an exclusive lock, never saved from one session's memory over
/// the others', and past twice `limit` lines the file is cut back to its newest
/// `limit` entries.  The file is 0600.
struct HistoryFile {
    let path: String
    /// The most entries the file keeps after it is cut back.
    let limit: Int32

    /// Adds the file's newest entries (at most the history's size) to `history`.
    func load(into history: OpaquePointer) {
        var event = HistEvent()
        ceditline_history_load(history, &event, path)
    }

    /// Appends one entry to the file.
    func append(_ entry: String) {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }  // also releases the lock
        fchmod(fd, 0o600)
        guard flock(fd, LOCK_EX) == 0 else { return }
        let single: OpaquePointer = ceditline_history_init()
        defer { ceditline_history_end(single) }
        var event = HistEvent()
        ceditline_history_set_size(single, &event, 1)
        ceditline_history_enter(single, &event, entry)
        lseek(fd, 0, SEEK_END)
        write(single, to: fd)
        if lineCount(fd) > 2 * Int(limit) + 1 { cutBack(fd) }
    }

    /// Writes every entry of `history` at the file offset of `fd` (after
    /// libedit's header when that is 0).
    private func write(_ history: OpaquePointer, to fd: Int32) {
        let copy = dup(fd)  // shares the offset
        guard copy >= 0 else { return }
        guard let file = fdopen(copy, "a") else {
            close(copy)
            return
        }
        var event = HistEvent()
        ceditline_history_save_to(history, &event, file)
        fclose(file)
    }

    /// Rewrites the locked file open as `fd` with its newest `limit` entries.
    private func cutBack(_ fd: Int32) {
        let newest: OpaquePointer = ceditline_history_init()
        defer { ceditline_history_end(newest) }
        var event = HistEvent()
        ceditline_history_set_size(newest, &event, limit)
        guard ceditline_history_load(newest, &event, path) >= 0, ftruncate(fd, 0) == 0 else { return }
        lseek(fd, 0, SEEK_SET)
        write(newest, to: fd)
    }

    /// The number of lines in the file open as `fd` (one per entry, after the header).
    private func lineCount(_ fd: Int32) -> Int {
        var buffer = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        var lines = 0
        while true {
            let count = pread(fd, &buffer, buffer.count, offset)
            guard count > 0 else { return lines }
            lines += buffer[..<count].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            offset += off_t(count)
        }
    }
}
