import SalesforceBulk

/// The jobs of a seeded org: a few hundred of every kind, state and age, the
/// way an org looks after months of integrations, including stale Open ingest
/// jobs, PK-chunked queries nobody closed and failed jobs with their errors.
enum SeedData {
    static let ingestFailure = "InvalidBatch : Field name not found : Legacy_Id__c"
    static let queryFailure =
        "INVALID_FIELD: No such column 'Legacy_Code__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name."

    private static let ingestFailures = [
        ingestFailure,
        "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF",
        "InvalidBatch : Failed to process query: UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record",
        "ExceededQuota : Maximum number of records processed by Bulk API in 24 hours exceeded",
        "InvalidJob : Unable to parse CSV: the header has 14 columns but row 20113 has 13",
    ]
    private static let queryFailures = [
        queryFailure,
        "QUERY_TIMEOUT: Your query request was running for too long.",
        "INVALID_TYPE: sObject type 'Invoice_Archive__c' is not supported.",
        "InvalidBatch : Failed to process query: OPERATION_TOO_LARGE: exceeded 100000 distinct ids",
    ]
    private static let ingestObjects = [
        "Account", "Contact", "Lead", "Opportunity", "Case", "Task", "Order", "Asset", "Invoice__c", "Shipment__c",
    ]
    private static let queryObjects = [
        "Account", "Contact", "Lead", "Opportunity", "Case", "CaseHistory", "Task", "Event", "Invoice__c",
    ]
    private static let day = 86_400.0

    /// The users who create jobs: the admin first, then integration users.
    static func users(admin: String) -> [String] {
        [admin] + (2...4).map { SalesforceID(prefix: "005", counter: UInt64($0)).value }
    }

    /// `count` job descriptions, oldest first.
    static func specs(count: Int, seed: UInt64, users: [String]) -> [SimJobSpec] {
        var random = SeededRandom(seed: seed)
        var specs = (0..<count).map { _ in spec(&random, users: users) }
        specs.sort { $0.ageSeconds > $1.ageSeconds }
        return specs
    }

    private static func spec(_ random: inout SeededRandom, users: [String]) -> SimJobSpec {
        let kind = Double.random(in: 0..<1, using: &random)
        var spec: SimJobSpec
        if kind < 0.38 {
            spec = v2Ingest(&random)
        } else if kind < 0.62 {
            spec = v2Query(&random)
        } else if kind < 0.95 {
            spec = classic(&random)
        } else {
            spec = v2Ingest(&random)
            spec.jobType = .bigObjectIngest
            spec.object = random.pick(["Customer_Interaction__b", "Device_Reading__b"])
            spec.operation = "insert"
        }
        spec.createdById = random.chance(0.35) ? users[0] : random.pick(Array(users.dropFirst()))
        return spec
    }

    /// How old the jobs of one state are.
    private enum Age {
        /// Open jobs left behind: hours to six weeks old.
        case stale
        /// Finished jobs, still inside Salesforce's seven-day retention.
        case terminal
        /// Jobs still being processed, seconds to minutes old.
        case recent(ClosedRange<Double>)
    }

    /// How often each state occurs: a row applies to rolls below `upTo`.
    private typealias StateTable = [(upTo: Double, state: String, age: Age)]

    private static let v2IngestStates: StateTable = [
        (0.18, "Open", .stale), (0.22, "UploadComplete", .recent(10...600)), (0.28, "InProgress", .recent(30...1200)),
        (0.78, "JobComplete", .terminal), (0.92, "Failed", .terminal), (1, "Aborted", .terminal),
    ]
    private static let v2QueryStates: StateTable = [
        (0.04, "UploadComplete", .recent(5...300)), (0.10, "InProgress", .recent(30...900)),
        (0.75, "JobComplete", .terminal), (0.90, "Failed", .terminal), (1, "Aborted", .terminal),
    ]

    private static func v2Ingest(_ random: inout SeededRandom) -> SimJobSpec {
        var spec = SimJobSpec(jobType: .v2Ingest, object: random.pick(ingestObjects))
        spec.records = Int.random(in: 200...400_000, using: &random)
        spec.operation = random.pick(["insert", "insert", "update", "upsert", "upsert", "delete", "hardDelete"])
        place(&spec, in: v2IngestStates, &random)
        spec.outcome = random.chance(0.15) ? "Failed" : "JobComplete"
        spec.errorMessage = random.pick(ingestFailures)
        return spec
    }

    private static func v2Query(_ random: inout SeededRandom) -> SimJobSpec {
        var spec = SimJobSpec(jobType: .v2Query, object: random.pick(queryObjects))
        spec.records = Int.random(in: 10...2_000_000, using: &random)
        spec.operation = random.chance(0.2) ? "queryAll" : "query"
        place(&spec, in: v2QueryStates, &random)
        spec.outcome = random.chance(0.1) ? "Failed" : "JobComplete"
        spec.errorMessage = random.pick(queryFailures)
        return spec
    }

    /// Gives `spec` a state drawn from `table` and an age that fits it.
    private static func place(_ spec: inout SimJobSpec, in table: StateTable, _ random: inout SeededRandom) {
        let roll = Double.random(in: 0..<1, using: &random)
        let row = table.first { roll < $0.upTo } ?? table[table.count - 1]
        spec.state = row.state
        switch row.age {
        case .stale: spec.ageSeconds = staleAge(&random)
        case .terminal: spec.ageSeconds = terminalAge(&random)
        case .recent(let range): spec.ageSeconds = Double.random(in: range, using: &random)
        }
    }

    private static func classic(_ random: inout SeededRandom) -> SimJobSpec {
        var spec = SimJobSpec(jobType: .classic)
        spec.contentType = random.pick(["CSV", "CSV", "XML", "JSON"])
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.45 {
            spec.object = random.pick(queryObjects)
            spec.operation = random.chance(0.15) ? "queryAll" : "query"
            spec.pkChunking = roll < 0.35
            spec.chunkSize = random.pick([100_000, 100_000, 250_000, 50_000])
            spec.records = Int.random(in: 300_000...2_400_000, using: &random)
            switch roll {
            case ..<0.25:
                spec.state = "Open"
                spec.ageSeconds = Double.random(in: 3600...(9 * day), using: &random)
            case ..<0.35:
                spec.state = "Closed"
                spec.ageSeconds = terminalAge(&random)
            default:
                spec.state = random.pick(["Closed", "Closed", "Failed", "Aborted"])
                spec.ageSeconds = terminalAge(&random)
            }
            spec.errorMessage = random.pick(queryFailures)
        } else {
            spec.object = random.pick(ingestObjects)
            spec.operation = random.pick(["insert", "update", "upsert", "delete"])
            spec.batches = Int.random(in: 0...4, using: &random)
            spec.records = Int.random(in: 100...50_000, using: &random)
            switch roll {
            case ..<0.65:
                spec.state = "Open"
                spec.ageSeconds = staleAge(&random)
            case ..<0.85:
                spec.state = "Closed"
                spec.ageSeconds = terminalAge(&random)
            case ..<0.93:
                spec.state = "Failed"
                spec.ageSeconds = terminalAge(&random)
                spec.batches = max(1, spec.batches ?? 1)
            default:
                spec.state = "Aborted"
                spec.ageSeconds = terminalAge(&random)
            }
            spec.errorMessage = random.pick(ingestFailures)
        }
        return spec
    }

    /// Open jobs left behind: hours to six weeks old.
    private static func staleAge(_ random: inout SeededRandom) -> Double {
        random.chance(0.3)
            ? Double.random(in: 3600...day, using: &random) : Double.random(in: day...(45 * day), using: &random)
    }

    /// Finished jobs, still inside Salesforce's seven-day retention.
    private static func terminalAge(_ random: inout SeededRandom) -> Double {
        Double.random(in: 120...(6.5 * day), using: &random)
    }
}
