/// The `/limits` document, shaped like a real org's.
enum OrgLimits {
    static func json(apiUsed: Int, apiLimit: Int) -> String {
        let limits: [(String, Int, Int)] = [
            ("ActiveScratchOrgs", 3, 3),
            ("ConcurrentAsyncGetReportInstances", 200, 200),
            ("ConcurrentSyncReportRuns", 20, 20),
            ("DailyApiRequests", apiLimit, max(0, apiLimit - apiUsed)),
            ("DailyAsyncApexExecutions", 250_000, 249_412),
            ("DailyBulkApiBatches", 15_000, 14_212),
            ("DailyBulkV2QueryFileStorageMB", 976_562, 976_331),
            ("DailyBulkV2QueryJobs", 10_000, 9_871),
            ("DailyStreamingApiEvents", 1_000_000, 1_000_000),
            ("DataStorageMB", 5_120, 3_874),
            ("FileStorageMB", 20_480, 18_003),
            ("HourlyODataCallout", 20_000, 20_000),
            ("HourlyTimeBasedWorkflow", 1_000, 1_000),
            ("SingleEmail", 5_000, 5_000),
        ]
        var out = JSONWriter()
        for (name, max, remaining) in limits {
            var limit = JSONWriter()
            limit.int("Max", max)
            limit.int("Remaining", remaining)
            out.raw(name, limit.result)
        }
        return out.result
    }
}
