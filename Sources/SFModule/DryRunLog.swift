import Logging
import SalesforceBulk

/// The log lines that say what a dry run would have done.
public enum DryRunLog {
    public static func close(_ job: Job, to state: TargetState, logger: Logger) {
        let action = state == .aborted ? "abort" : "close"
        logger.info(
            "dry run: would \(action) \(job.jobType.rawValue) job \(job.id ?? "?") (\(job.state ?? "?") → \(state.rawValue))",
            metadata: ["event": "dry_run", "action": "\(action)", "job_id": "\(job.id ?? "")", "state": "\(job.state ?? "")"])
    }

    public static func delete(_ job: Job, logger: Logger) {
        logger.info(
            "dry run: would delete \(job.jobType.rawValue) job \(job.id ?? "?") (\(job.state ?? "?"))",
            metadata: ["event": "dry_run", "action": "delete", "job_id": "\(job.id ?? "")", "state": "\(job.state ?? "")"])
    }
}
