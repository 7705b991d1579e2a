/// Why the simulated org refused an operation on a job; routes turn it into
/// the error body of the API that asked.
enum OrgError: Error, Equatable {
    case notFound
    case invalidJobState(String)
    case notTerminated
    case invalidBatch(String)
}
