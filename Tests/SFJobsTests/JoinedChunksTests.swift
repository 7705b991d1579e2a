import XCTest

@testable import sfjobs

/// Chunks joined to `-e` reach ArgumentParser as `-e=CHUNK` among the options, and never change the
/// script's own arguments.
final class JoinedChunksTests: XCTestCase {
    func testOnlyTheOptionsAreRewritten() {
        let cases: [([String], [String])] = [
            (["run", "--dry-run", "-ex=1", "f.lua", "-ey=2"], ["run", "--dry-run", "-e=x=1", "f.lua", "-ey=2"]),
            (["run", "--lock", "/tmp/l", "-e", "a", "-eb=1", "-", "-ec=1"], ["run", "--lock", "/tmp/l", "-e", "a", "-e=b=1", "-", "-ec=1"]),
            (["run", "--profile", "p", "-eprint(1)", "--", "-ex=1"], ["run", "--profile", "p", "-e=print(1)", "--", "-ex=1"]),
            (["run", "--dry-run", "-e=x=1", "-e", "y=2"], ["run", "--dry-run", "-e=x=1", "-e", "y=2"]),
            (["run", "--dry-run", "f.lua", "-ex=1"], ["run", "--dry-run", "f.lua", "-ex=1"]),
            (["jobs", "-ex=1"], ["jobs", "-ex=1"]),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(JoinedChunks.rewritten(line), expected, "\(line)")
        }
    }

    func testTheRewrittenLineParsesToTheChunksInOrder() throws {
        let line = ["run", "--dry-run", "-ex=1", "-e", "y = x", "-eprint(x, y)", "f.lua", "-ez=3"]
        let run = try XCTUnwrap(try SFJobs.parseAsRoot(JoinedChunks.rewritten(line)) as? Run)
        XCTAssertEqual(run.chunks, ["x=1", "y = x", "print(x, y)"])
        XCTAssertEqual(run.scriptAndArguments, ["f.lua", "-ez=3"])
        XCTAssertTrue(run.common.settings.dryRun)
    }
}
