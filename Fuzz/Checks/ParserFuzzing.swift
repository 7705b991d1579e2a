/// libFuzzer's input function for a parser target: runs its check from ``ParserChecks`` and stops
/// the run at the first input that breaks it.
public func fuzzParser(_ target: String, _ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if let problem = ParserChecks.check(target, Array(UnsafeBufferPointer(start: data, count: size))) {
        preconditionFailure("\(target): \(problem)")
    }
    return 0
}
