/// How jobs move on by themselves as simulated time passes, and the limit on
/// how many chunks a PK-chunked query is split into.
extension SimJob {
    static let maximumChunks = 40

    /// Brings the job up to simulated instant `now`; `mintBatchID` names the
    /// chunk batches a PK-chunked query gains.
    mutating func settle(now: Double, mintBatchID: () -> String) {
        if jobType == .classic {
            settleBatches(now: now, mintBatchID: mintBatchID)
        } else {
            settleV2(now: now)
        }
    }

    private mutating func settleV2(now: Double) {
        guard let start = plan.startsAt else { return }
        if state == "UploadComplete", now >= start {
            state = "InProgress"
            systemModstamp = start
        }
        guard state == "InProgress" else { return }
        let end = start + plan.duration
        if now >= end {
            state = plan.outcome
            systemModstamp = end
            numberRecordsProcessed = plan.outcome == "Failed" ? plan.records / 3 : plan.records
            numberRecordsFailed = isQuery ? 0 : plan.failedRecords
            totalProcessingTime = Int(plan.duration * 1000)
            apiActiveProcessingTime = isQuery ? 0 : Int(plan.duration * 820)
            errorMessage = plan.outcome == "Failed" ? plan.errorMessage : nil
        } else {
            let done = (now - start) / plan.duration
            numberRecordsProcessed = Int(Double(plan.records) * done)
            totalProcessingTime = Int((now - start) * 1000)
        }
    }

    private mutating func settleBatches(now: Double, mintBatchID: () -> String) {
        var index = 0
        while index < batches.count {
            let wasTerminal = batches[index].isTerminal
            batches[index].settle(now: now)
            if !wasTerminal, pkChunking, batches[index].outcome == "NotProcessed",
                batches[index].state == "NotProcessed",
                state == "Open" || state == "Closed"
            {
                addChunks(after: batches[index], mintBatchID: mintBatchID)
            }
            index += 1
        }
        numberRecordsProcessed = batches.reduce(0) { $0 + $1.numberRecordsProcessed }
        numberRecordsFailed = batches.reduce(0) { $0 + $1.numberRecordsFailed }
        totalProcessingTime = batches.reduce(0) { $0 + $1.totalProcessingTime }
        apiActiveProcessingTime = batches.reduce(0) { $0 + $1.apiActiveProcessingTime }
        if let last = batches.map(\.systemModstamp).max(), last > systemModstamp, last <= now {
            systemModstamp = last
        }
    }

    /// Splits the original query batch of a PK-chunked job into chunk batches.
    private mutating func addChunks(after original: SimBatch, mintBatchID: () -> String) {
        let count = min(Self.maximumChunks, max(1, (original.records + chunkSize - 1) / chunkSize))
        let at = original.finishesAt
        for chunk in 0..<count {
            let records = chunk == count - 1 ? original.records - chunkSize * (count - 1) : chunkSize
            let starts = at + Double(chunk) * 0.5
            batches.append(
                SimBatch(
                    id: mintBatchID(), state: "Queued", createdDate: at, systemModstamp: at, startsAt: starts,
                    finishesAt: starts + 2, outcome: "Completed", records: max(0, records)))
        }
    }

    /// Applies a client's state change request to a Bulk 2.0 job; `queueSeconds`
    /// is how long a closed job waits before it starts.
    mutating func changeV2State(to requested: String, now: Double, queueSeconds: Double) throws(OrgError) {
        switch requested {
        case "UploadComplete" where !isQuery:
            guard state == "Open" else { throw .invalidJobState(Self.refusal("Closing", state)) }
            state = "UploadComplete"
            plan.startsAt = now + queueSeconds
            if uploads == 0 {
                plan.records = 0
                plan.failedRecords = 0
            }
        case "Aborted":
            guard ["Open", "UploadComplete", "InProgress"].contains(state) else {
                throw .invalidJobState(Self.refusal("Aborting", state))
            }
            state = "Aborted"
        default:
            throw .invalidJobState("Invalid state: \(requested)")
        }
        systemModstamp = now
    }

    /// Applies a client's state change request to a Bulk 1.0 job.
    mutating func changeClassicState(to requested: String, now: Double) throws(OrgError) {
        switch (requested, state) {
        case ("Closed", "Open"):
            state = "Closed"
        case ("Aborted", "Open"), ("Aborted", "Closed"):
            state = "Aborted"
            for index in batches.indices where batches[index].state == "Queued" {
                batches[index].state = "NotProcessed"
                batches[index].systemModstamp = now
            }
        case ("Closed", _):
            throw .invalidJobState("Closing already \(state.lowercased()) Job not allowed")
        case ("Aborted", _):
            throw .invalidJobState("Aborting already \(state.lowercased()) Job not allowed")
        default:
            throw .invalidJobState("Invalid state: \(requested)")
        }
        systemModstamp = now
    }

    /// Salesforce's wording for a refused Bulk 2.0 state change, e.g.
    /// "Aborting already Completed Job not allowed".
    private static func refusal(_ verb: String, _ state: String) -> String {
        "\(verb) already \(state == "JobComplete" ? "Completed" : state) Job not allowed"
    }
}

extension SimBatch {
    mutating func settle(now: Double) {
        if state == "Queued", now >= startsAt {
            state = "InProgress"
            systemModstamp = startsAt
        }
        guard state == "InProgress", now >= finishesAt else { return }
        state = outcome
        systemModstamp = finishesAt
        guard outcome != "NotProcessed" else { return }
        let millis = Int((finishesAt - startsAt) * 1000)
        numberRecordsProcessed = outcome == "Failed" ? 0 : records
        numberRecordsFailed = outcome == "Failed" ? 0 : records / 50
        totalProcessingTime = millis
        apiActiveProcessingTime = millis * 4 / 5
    }
}
