import Foundation
import Testing

/// Every input the parser fuzzers started from, kept or once crashed on (Fuzz/Seeds, Fuzz/Corpus,
/// Fuzz/Crashes) still passes its target's check: the fuzzing corpus as a regression test.
@Suite struct FuzzCorpusTests {
    /// The repository's Fuzz folder, found from this file's place in Tests/SalesforceBulkTests.
    private static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    @Test(arguments: ParserChecks.targets)
    func everyKeptInputPassesItsCheck(target: String) throws {
        var inputs = 0
        for kind in ["Seeds", "Corpus", "Crashes"] {
            let folder = Self.fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names.sorted() {
                let input = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
                let problem = ParserChecks.check(target, input)
                #expect(problem == nil, "\(kind)/\(target)/\(name): \(problem ?? "")")
                inputs += 1
            }
        }
        #expect(inputs >= 20, "only \(inputs) inputs for \(target) under \(Self.fuzzFolder.path)")
    }
}
