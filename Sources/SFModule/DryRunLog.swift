import Logging
import SalesforceBulk

/// The log lines that say what a dry run would have done, and warn when
/// Salesforce would refuse it.
public enum DryRunLog {
    public static func close(_ job: Job, to state: TargetState, logger: Logger) {
        let action = state == .aborted ? "abort" : "close"
        let metadata: Logger.Metadata = [
            "event": "dry_run", "action": "\(action)", "job_id": "\(job.id ?? "")", "state": "\(job.state ?? "")",
        ]
        let text = "dry run: would \(action) \(job.jobType.rawValue) job \(job.id ?? "?") (\(job.state ?? "?") → \(state.rawValue))"
        if let current = job.state, !allows(job.jobType, from: current, to: state) {
            logger.warning("\(text); Salesforce would refuse it: the job is \(current)", metadata: metadata)
        } else {
            logger.info("\(text)", metadata: metadata)
        }
    }

    public static func delete(_ job: Job, logger: Logger) {
        logger.info(
            "dry run: would delete \(job.jobType.rawValue) job \(job.id ?? "?") (\(job.state ?? "?"))",
            metadata: ["event": "dry_run", "action": "delete", "job_id": "\(job.id ?? "")", "state": "\(job.state ?? "")"])
    }

    /// Whether Salesforce accepts the change from `current`: Bulk 2.0 jobs close only
    /// when Open and abort until they finish; Bulk 1.0 jobs close when Open and abort when Open or Closed.
    static func allows(_ type: JobType, from current: String, to state: TargetState) -> Bool {
        switch (type, state) {
        case (.classic, .closed), (.v2Ingest, .closed), (.bigObjectIngest, .closed): current == "Open"
        case (.classic, .aborted): current == "Open" || current == "Closed"
        case (.v2Query, .closed): false
        case (.v2Query, .aborted): current == "UploadComplete" || current == "InProgress"
        case (.v2Ingest, .aborted), (.bigObjectIngest, .aborted): ["Open", "UploadComplete", "InProgress"].contains(current)
        }
    }
}
