/// Lets the host stop waits in progress: HTTP exchanges and backoff sleeps end
/// promptly with a `timeout` error, code `INTERRUPTED`, once ``isInterrupted`` is true.
public protocol Interruption: AnyObject, Sendable {
    /// Whether the running work should stop.
    var isInterrupted: Bool { get }
    /// Sleeps up to `seconds`; true when woken early by an interrupt.
    func sleep(seconds: Double) -> Bool
    /// Registers `wake`, to be called from any thread when an interrupt arrives; returns a token for ``removeWaker(_:)``.
    func addWaker(_ wake: @escaping @Sendable () -> Void) -> Int
    /// Unregisters a waker.
    func removeWaker(_ token: Int)
}
