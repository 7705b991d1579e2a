import ArgumentParser
import SalesforceBulk

/// `sfjobs config`: the profiles of `$XDG_CONFIG_HOME/sfjobs/config.toml`.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "List or show connection profiles (secrets masked).",
        subcommands: [List.self, Show.self])

    /// `sfjobs config list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the profiles.")

        func run() throws {
            let environment = ProcessEnvironment.current()
            do throws(SalesforceError) {
                let (names, warnings) = try ProfileCatalog.names(environment: environment)
                for warning in warnings { StandardError.write("sfjobs: warning: \(warning)\n") }
                let path = ProfileCatalog.path(environment: environment) ?? "(no configuration directory)"
                print(names.isEmpty ? "no profiles in \(path)" : "profiles in \(path):")
                for name in names { print("  \(name)") }
            } catch {
                StandardError.write("sfjobs: \(error)\n")
                throw ExitCode(status: ExitStatus.failure)
            }
        }
    }

    /// `sfjobs config show NAME`: the settings the profile gives, with environment and flags applied.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the settings a profile gives (secrets masked).")

        @Argument(help: "The profile name.") var name: String

        func run() throws {
            do throws(SalesforceError) {
                let settings = try ConnectionSettings.resolve(
                    overrides: ConnectionSettings.Overrides(profile: name), environment: ProcessEnvironment.current())
                for warning in settings.warnings { StandardError.write("sfjobs: warning: \(warning)\n") }
                for item in settings.description.split(separator: " ") {
                    let pair = item.split(separator: "=", maxSplits: 1)
                    print(pair.count == 2 ? "\(pair[0].padding(to: 14))\(pair[1])" : String(item))
                }
            } catch {
                StandardError.write("sfjobs: \(error)\n")
                throw ExitCode(status: ExitStatus.failure)
            }
        }
    }
}

extension Substring {
    fileprivate func padding(to width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(1, width - count))
    }
}
