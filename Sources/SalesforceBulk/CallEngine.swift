import Logging

/// Runs ``CallPlan``s over the transport, up to a given number at once, and gives
/// each call its guarantees: retries with backoff for reads and harmless state
/// changes, one session refresh per call, a deadline covering every attempt and
/// wait, and a prompt stop on interruption.
final class CallEngine {
    /// Made on the first call, once libcurl is loaded.
    private(set) lazy var transport = CurlTransport(logger: logger, userAgent: userAgent)
    private let userAgent: String
    let authenticator: Authenticator
    var retryPolicy: RetryPolicy
    let interruption: (any Interruption)?
    private let logger: Logger
    /// The last `Sforce-Limit-Info` header, read only when asked for.
    private var limitInfo: String?
    /// The api-usage of the last `Sforce-Limit-Info` header; nil when it has none.
    var apiUsage: (used: Int, limit: Int)? { limitInfo.flatMap(LimitInfo.apiUsage) }
    private var random = SystemRandomNumberGenerator()
    /// The interruption's registration of the transport's waker: made by the first run, kept while the
    /// engine lives (an interrupt between runs only makes the next poll return once, early).
    private var wakerToken: Int?

    init(userAgent: String, authenticator: Authenticator, retryPolicy: RetryPolicy, interruption: (any Interruption)?, logger: Logger) {
        self.userAgent = userAgent
        self.authenticator = authenticator
        self.retryPolicy = retryPolicy
        self.interruption = interruption
        self.logger = logger
    }

    deinit {
        if let interruption, let wakerToken { interruption.removeWaker(wakerToken) }
    }

    /// One running call.
    private final class Slot {
        enum State {
            case ready
            case waitingForLogin
            case inFlight
            case backoff(until: Int64)
            case finished
        }

        let plan: any CallPlan
        let deadline: Int64?
        let timeoutMilliseconds: Int
        var state = State.ready
        var request: APIRequest?
        var attempt = 0
        var mayHaveArrived = false
        var refreshed = false
        var sentGeneration = 0
        var transfer: CurlTransfer?
        var startedAt: Int64 = 0
        var lastError: SalesforceError?
        let isLogin: Bool

        init(plan: any CallPlan, timeoutMilliseconds: Int, now: Int64, isLogin: Bool = false) {
            self.plan = plan
            self.timeoutMilliseconds = timeoutMilliseconds
            deadline = timeoutMilliseconds > 0 ? now + Int64(timeoutMilliseconds) * 1_000_000 : nil
            self.isLogin = isLogin
        }

        var isFinished: Bool {
            if case .finished = state { return true }
            return false
        }
    }

    private var slots: [Int: Slot] = [:]
    private var nextTag = 0
    private var loginSlot: Slot?

    /// Runs every plan to completion, at most `concurrency` at once, in order of start.
    /// `timeoutMilliseconds` bounds each call (0 = none).
    func run(_ plans: [any CallPlan], timeoutMilliseconds: Int, concurrency: Int = 1) {
        if let problem = authenticator.configurationError, authenticator.session == nil {
            for plan in plans { plan.fail(problem.about(job: plan.jobID)) }
            return
        }
        do throws(SalesforceError) {
            try CurlLibrary.load()
        } catch {
            for plan in plans { plan.fail(error.about(job: plan.jobID)) }
            return
        }
        if let interruption, wakerToken == nil {
            let waker = transport.waker
            wakerToken = interruption.addWaker { waker.wake() }
        }
        var pending = plans.makeIterator()
        var morePending = true
        let width = max(1, concurrency)
        while true {
            if interruption?.isInterrupted == true {
                stopAll(pending: &pending)
                return
            }
            while morePending && hasRoom(width) {
                guard let plan = pending.next() else {
                    morePending = false
                    break
                }
                let slot = Slot(plan: plan, timeoutMilliseconds: timeoutMilliseconds, now: Time.monotonicNanoseconds())
                add(slot)
                begin(slot, with: plan.start())
            }
            if slots.isEmpty { return }
            advance()
            for (tag, outcome) in transport.completions() {
                guard let slot = slots[tag] else { continue }
                slot.transfer = nil
                handle(outcome, for: slot)
            }
            removeFinished()
            // A finished call's place goes to the next plan now, not after the next network event.
            if slots.isEmpty || (morePending && hasRoom(width)) || hasReadySlot() { continue }
            transport.poll(milliseconds: pollMilliseconds())
        }
    }

    // MARK: - Slot life cycle

    private func add(_ slot: Slot) {
        slots[nextTag] = slot
        nextTag += 1
    }

    private func begin(_ slot: Slot, with step: PlanStep) {
        switch step {
        case .send(let request):
            slot.request = request
            slot.attempt = 0
            slot.mayHaveArrived = false
            slot.state = .ready
        case .done:
            slot.state = .finished
        }
    }

    private func finish(_ slot: Slot, _ error: SalesforceError) {
        slot.plan.fail(error.about(job: slot.plan.jobID))
        slot.state = .finished
    }

    private func removeFinished() {
        if let login = loginSlot, login.isFinished {
            loginSlot = nil
            loginDone(login)
        }
        // In place: a filtered copy would allocate a new table on every turn of the loop.
        while let tag = slots.first(where: { $0.value.isFinished })?.key {
            slots.removeValue(forKey: tag)
        }
    }

    /// Whether fewer than `width` calls are under way (a login is not one of them).
    private func hasRoom(_ width: Int) -> Bool {
        slots.count - (loginSlot == nil ? 0 : 1) < width
    }

    private func hasReadySlot() -> Bool {
        slots.values.contains { slot in
            if case .ready = slot.state { return true }
            if case .waitingForLogin = slot.state, authenticator.session != nil { return true }
            return false
        }
    }

    /// Sends ready requests, ends backoffs that are over, and fails calls whose time ran out.
    private func advance() {
        let now = Time.monotonicNanoseconds()
        for (tag, slot) in slots {
            if let deadline = slot.deadline, now >= deadline {
                switch slot.state {
                case .ready, .waitingForLogin, .backoff:
                    finish(slot, slot.lastError.map { Self.timedOut(slot, after: $0) } ?? Self.timeout(slot))
                    continue
                default: break
                }
            }
            switch slot.state {
            case .backoff(let until) where now >= until:
                slot.state = .ready
                send(slot, tag: tag, now: now)
            case .ready:
                send(slot, tag: tag, now: now)
            case .waitingForLogin where authenticator.session != nil:
                slot.state = .ready
                send(slot, tag: tag, now: now)
            default:
                break
            }
        }
    }

    private func send(_ slot: Slot, tag: Int, now: Int64) {
        guard let request = slot.request else {
            slot.state = .finished
            return
        }
        let base: URLPolicy.Base
        switch request.target {
        case .login(let path):
            do throws(SalesforceError) {
                base = try authenticator.loginBase()
            } catch {
                finish(slot, error)
                return
            }
            slot.sentGeneration = 0
            return start(slot, tag: tag, request: request, url: base.url + path, allowsHTTP: base.allowsHTTP, credential: nil, now: now)
        case .instance(let path):
            guard let session = authenticator.session else {
                slot.state = .waitingForLogin
                startLogin(for: slot)
                return
            }
            let credential: String?
            switch request.credential {
            case .none: credential = nil
            case .bearer: credential = session.bearerHeader
            case .sessionHeader: credential = session.sessionHeader
            }
            slot.sentGeneration = session.generation
            start(
                slot, tag: tag, request: request, url: session.instance.url + path, allowsHTTP: session.instance.allowsHTTP,
                credential: credential, now: now)
        }
    }

    private func start(_ slot: Slot, tag: Int, request: APIRequest, url: String, allowsHTTP: Bool, credential: String?, now: Int64) {
        var timeout = 0
        if let deadline = slot.deadline {
            timeout = Int(max(1, (deadline - now + 999_999) / 1_000_000))
        }
        let http = HTTPRequest(
            method: request.method, url: url, headers: request.headers, credential: credential, body: request.body, allowsHTTP: allowsHTTP,
            timeoutMilliseconds: timeout, acceptsCompression: request.compressible)
        slot.attempt += 1
        slot.startedAt = now
        slot.transfer = transport.start(http, tag: tag)
        slot.state = .inFlight
    }

    // MARK: - Outcomes

    private func handle(_ outcome: Result<HTTPResponse, TransportFailure>, for slot: Slot) {
        guard let request = slot.request else { return }
        let elapsed = Double(Time.monotonicNanoseconds() - slot.startedAt) / 1e6
        switch outcome {
        case .failure(let failure):
            logger.debug(
                "\(request.method.rawValue) failed: \(failure.code)",
                metadata: ["event": "http", "attempt": "\(slot.attempt)", "ms": "\(Int(elapsed))"])
            let error = ErrorMapping.error(for: failure, jobID: slot.plan.jobID)
            if failure.timedOut, let deadline = slot.deadline, Time.monotonicNanoseconds() >= deadline - 2_000_000 {
                finish(slot, Self.timeout(slot))
                return
            }
            if failure.transient {
                if !failure.neverSent { slot.mayHaveArrived = true }
                retry(slot, after: error, retryAfter: nil)
            } else {
                finish(slot, error)
            }
        case .success(let response):
            logger.debug(
                "\(request.method.rawValue) \(response.status)",
                metadata: ["event": "http", "attempt": "\(slot.attempt)", "ms": "\(Int(elapsed))"])
            if let info = response.limitInfo { limitInfo = info }
            if response.sentAgain { slot.mayHaveArrived = true }
            if request.credential != .none && ErrorMapping.isExpiredSession(response) {
                expired(slot, response)
                return
            }
            if Self.mayRetry(response, target: request.target) {
                if response.status != 503 && response.status != 429 { slot.mayHaveArrived = true }
                let error: SalesforceError
                if case .login = request.target {
                    error = ErrorMapping.loginError(for: response)
                } else {
                    error = ErrorMapping.error(for: response, jobID: slot.plan.jobID)
                }
                if retry(slot, after: error, retryAfter: response.retryAfter) { return }
            }
            if let problem = ResponseCheck.problem(response, jobID: slot.plan.jobID) {
                finish(slot, problem)
                return
            }
            begin(slot, with: slot.plan.receive(response, mayHaveArrived: slot.mayHaveArrived))
        }
    }

    /// Whether an answer invites another attempt: 500, 502, 503, 504 or 429, except a
    /// login server's readable refusal (SOAP faults come with status 500).
    private static func mayRetry(_ response: HTTPResponse, target: APIRequest.Target) -> Bool {
        guard RetryPolicy.retryableStatuses.contains(response.status) || response.status == 429 else { return false }
        if case .login = target, ErrorMapping.codeAndMessage(response.body) != nil { return false }
        return true
    }

    /// Schedules another attempt; false (and nothing changed) when no attempt or time is left.
    /// A transport failure with no attempt left ends the call with `error`, and so does an answer
    /// whose `Retry-After` asks for a longer wait than the policy or the call's time allows.
    @discardableResult
    private func retry(_ slot: Slot, after error: SalesforceError, retryAfter: Double?) -> Bool {
        slot.lastError = error
        let random = Double(random.next() >> 11) / Double(1 << 53)
        let now = Time.monotonicNanoseconds()
        if let retryAfter, retryAfter > 0, slot.attempt < retryPolicy.maximumAttempts,
            let limit = Self.waitLimit(retryAfter, policy: retryPolicy, left: slot.deadline.map { Double($0 - now) / 1e9 })
        {
            var refusal = error
            refusal.message += " (the server asked to wait \(Self.seconds(retryAfter)) s before another attempt; \(limit))"
            refusal.retryable = true
            finish(slot, refusal)
            return true
        }
        guard let delay = retryPolicy.delay(afterAttempt: slot.attempt, retryAfter: retryAfter, random: random) else {
            return giveUp(slot, error)
        }
        let until = now + Int64(delay * 1e9)
        if let deadline = slot.deadline, until >= deadline {
            return giveUp(slot, error)
        }
        logger.debug(
            "retrying in \(Int(delay * 1000)) ms after \(error.code)",
            metadata: ["event": "retry", "attempt": "\(slot.attempt)"])
        slot.state = .backoff(until: until)
        return true
    }

    /// Why a `Retry-After` of `seconds` is not waited for, or nil when it is: the policy allows less,
    /// or the call has `left` seconds, fewer than that.
    private static func waitLimit(_ seconds: Double, policy: RetryPolicy, left: Double?) -> String? {
        if seconds > policy.maximumRetryAfter { return "the retry policy waits at most \(Self.seconds(policy.maximumRetryAfter)) s" }
        if let left, seconds >= left { return "the call has \(Self.seconds(left)) s left" }
        return nil
    }

    /// Seconds as a message shows them: to a tenth, rounded up, without a fraction when whole.
    private static func seconds(_ value: Double) -> String {
        let tenths = (value * 10).rounded(.up) / 10
        return tenths == tenths.rounded() && abs(tenths) < 1e15 ? String(Int64(tenths)) : "\(tenths)"
    }

    /// Ends a call out of attempts: HTTP answers go to the plan (which reports them), transport failures end it here.
    private func giveUp(_ slot: Slot, _ error: SalesforceError) -> Bool {
        if error.status == nil {
            finish(slot, error)
            return true
        }
        return false
    }

    private func expired(_ slot: Slot, _ response: HTTPResponse) {
        let expiry = SalesforceError(
            kind: .login, code: "INVALID_SESSION_ID", message: "", status: response.status, jobID: slot.plan.jobID)
        if authenticator.settings.externalSession {
            var error = expiry
            error.message = "the external session expired or is invalid; it is never refreshed here"
            finish(slot, error)
            return
        }
        guard authenticator.canRefresh else {
            var error = expiry
            error.message = "the session expired or is invalid, and no login is configured to refresh it"
            finish(slot, error)
            return
        }
        guard !slot.refreshed else {
            var error = expiry
            error.message = "the session was refused again after a refresh"
            finish(slot, error)
            return
        }
        slot.refreshed = true
        slot.attempt = 0
        authenticator.invalidate(generation: slot.sentGeneration)
        slot.state = authenticator.session == nil ? .waitingForLogin : .ready
        if authenticator.session == nil { startLogin(for: slot) }
    }

    // MARK: - Login

    private func startLogin(for waiting: Slot) {
        guard loginSlot == nil else { return }
        let plan = authenticator.loginPlan()
        let slot = Slot(plan: plan, timeoutMilliseconds: waiting.timeoutMilliseconds, now: Time.monotonicNanoseconds(), isLogin: true)
        loginSlot = slot
        add(slot)
        begin(slot, with: plan.start())
        logger.debug("logging in", metadata: ["event": "login", "flow": "\(authenticator.flow?.rawValue ?? "-")"])
    }

    private func loginDone(_ slot: Slot) {
        guard let plan = slot.plan as? LoginPlan, let error = plan.error else { return }
        for waiting in slots.values {
            if case .waitingForLogin = waiting.state { finish(waiting, error) }
        }
    }

    // MARK: - Stopping

    private func stopAll(pending: inout IndexingIterator<[any CallPlan]>) {
        let error = SalesforceError(kind: .timeout, code: "INTERRUPTED", message: "interrupted")
        for slot in slots.values {
            if let transfer = slot.transfer { transport.cancel(transfer) }
            if !slot.isFinished && !slot.isLogin { slot.plan.fail(error.about(job: slot.plan.jobID)) }
        }
        slots.removeAll()
        loginSlot = nil
        while let plan = pending.next() { plan.fail(error.about(job: plan.jobID)) }
    }

    private func pollMilliseconds() -> Int {
        let now = Time.monotonicNanoseconds()
        var wait: Int64 = 1_000_000_000
        for slot in slots.values {
            if case .backoff(let until) = slot.state { wait = min(wait, until - now) }
            if let deadline = slot.deadline { wait = min(wait, deadline - now) }
        }
        return Int(max(0, (wait + 999_999) / 1_000_000))
    }

    private static func timeout(_ slot: Slot) -> SalesforceError {
        SalesforceError(
            kind: .timeout, code: "TIMEOUT", message: "the call did not finish within \(slot.timeoutMilliseconds) ms",
            jobID: slot.plan.jobID, retryable: true)
    }

    private static func timedOut(_ slot: Slot, after error: SalesforceError) -> SalesforceError {
        var timeout = timeout(slot)
        timeout.message += " (last attempt: \(error.kind.rawValue) error \(error.code): \(error.message))"
        return timeout
    }
}
