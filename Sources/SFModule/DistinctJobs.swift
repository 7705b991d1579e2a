import SalesforceBulk

/// The jobs a list of ids names, each once: a job named twice (or once in 15 and once in 18
/// characters) is read or closed with one request, and every place that names it gets that
/// request's result. Text that is no job id stays in its own place, to fail on its own.
struct DistinctJobs {
    /// The ids to send, in order of first mention, as given.
    let ids: [String]
    /// For each given id, the index in ``ids`` of the job it names.
    private let places: [Int]

    init(_ given: [String]) {
        var ids: [String] = []
        var places: [Int] = []
        var placeOfJob: [JobID: Int] = [:]
        ids.reserveCapacity(given.count)
        places.reserveCapacity(given.count)
        for text in given {
            let job = try? JobID(text)
            if let job, let place = placeOfJob[job] {
                places.append(place)
                continue
            }
            if let job { placeOfJob[job] = ids.count }
            places.append(ids.count)
            ids.append(text)
        }
        self.ids = ids
        self.places = places
    }

    /// One result per given id, in the given order, from one result per id of ``ids``.
    func spread<Result>(_ results: [Result]) -> [Result] {
        precondition(results.count == ids.count, "one result per distinct job")
        return places.map { results[$0] }
    }
}
