import ArgumentParser
import XCTest

@testable import sfjobs

/// The command lines `sfjobs` runs without ArgumentParser are the ones ArgumentParser reads
/// the same way (joined chunks as ``JoinedChunks`` gives them to it); everything else is left to it.
final class DirectLaunchTests: XCTestCase {
    func testLinesRunDirectlyParseTheSameThroughArgumentParser() throws {
        let lines: [[String]] = [
            ["run", "-e", "x=1"],
            ["run", "-e", "x=1", "-e", "print(x)"],
            ["run", "script.lua"],
            ["run", "-"],
            ["run", "-e", "x=1", "-", "a", "b"],
            ["run", "-e", "", "script.lua"],
            ["run", "script.lua", "--profile", "prod", "-e", "y", "--help"],
            ["run", "script.lua", "--", "-e"],
            ["run", "help"],
            ["run", "-e", "run", "run"],
            ["run", "-ex=1"],
            ["run", "-ex=1", "-e", "print(x)", "-eprint(-x)", "script.lua", "-ey"],
            ["run", "-e-x", "-"],
            ["run", "-e'print(1)'"],
            ["run", "-e=x=1", "-e=", "-e==x", "f.lua"],
        ]
        for line in lines {
            guard case .run(let chunks, let scriptAndArguments)? = DirectLaunch(arguments: line) else {
                XCTFail("\(line) should run directly")
                continue
            }
            let parsed = try XCTUnwrap(try SFJobs.parseAsRoot(JoinedChunks.rewritten(line)) as? Run, "\(line)")
            XCTAssertEqual(parsed.chunks, chunks, "\(line)")
            XCTAssertEqual(parsed.scriptAndArguments, scriptAndArguments, "\(line)")
            XCTAssertEqual(parsed.common.settings, CommonSettings(), "\(line)")
            XCTAssertEqual(parsed.memoryLimit, Run.defaultMemoryLimit, "\(line)")
            XCTAssertNil(parsed.scheduling.schedule, "\(line)")
            XCTAssertNil(parsed.scheduling.runTimeout, "\(line)")
            XCTAssertNil(parsed.scheduling.lock, "\(line)")
        }
    }

    func testNoArgumentsIsTheDefaultCommandWithDefaultOptions() throws {
        XCTAssertEqual(DirectLaunch(arguments: []), .standard)
        XCTAssertTrue(try SFJobs.parseAsRoot([]) is SFJobs)
        XCTAssertEqual(try CommonOptions.parse([]).settings, CommonSettings())
    }

    func testLinesWithAnOptionOrAMistakeAreLeftToArgumentParser() {
        let lines: [[String]] = [
            ["run"], ["run", "-e"], ["run", "-e", "-x"], ["run", "--", "f.lua"],
            ["run", "-h"], ["run", "--help"], ["run", "--dry-run", "f.lua"], ["run", "--profile", "p", "-e", "x"],
            ["run", "-e", "x", "--log-format", "json"], ["run", "--every", "5m", "f.lua"],
            ["run", "--memory-limit", "64M", "-e", "x"], ["run", "--generate-completion-script", "bash"],
            ["--version"], ["--help"], ["help", "run"], ["jobs"], ["repl"], ["Run", "-e", "x"],
        ]
        for line in lines {
            XCTAssertNil(DirectLaunch(arguments: line), "\(line)")
        }
    }
}
