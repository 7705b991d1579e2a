import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into calls on a queue, so nothing runs inside a
/// signal handler; the handler gets the signal and how many have arrived.
///
/// The C handler only writes the signal's number to a pipe (the self-pipe
/// trick).  Dispatch signal sources are not used: on Linux they read a
/// `signalfd`, which misses a signal that reaches a thread not blocking it.
final class SignalWatcher {
    private let signals: [Int32]
    private let source: any DispatchSourceRead

    init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (_ signal: Int32, _ count: Int) -> Void) {
        self.signals = signals
        let readEnd = signalPipe.read
        let counter = SignalCounter()
        source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: DispatchQueue(label: "sfjobs.signals"))
        source.setEventHandler {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) == 1 { handler(Int32(byte), counter.increment()) }
        }
        source.resume()
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in signals {
            sigaddset(&unblocked, number)
            signal(number) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipe.write, &byte, 1)
            }
        }
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)  // a parent may have left them blocked
    }

    /// Restores the default actions.
    func cancel() {
        for number in signals { signal(number, SIG_DFL) }
        source.cancel()
    }
}

/// The pipe signal handlers write to: made once, non-blocking at both ends, never closed.
private let signalPipe: (read: Int32, write: Int32) = {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { fatalError("cannot create the signal pipe: \(String(cString: strerror(errno)))") }
    for end in ends {
        _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        _ = fcntl(end, F_SETFD, FD_CLOEXEC)
    }
    return (ends[0], ends[1])
}()

/// Counts signals; touched only on the watcher's serial queue.
private final class SignalCounter: @unchecked Sendable {
    private var count = 0
    func increment() -> Int {
        count += 1
        return count
    }
}
