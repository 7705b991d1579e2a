import Hummingbird
import NIOCore

/// The request context of the simulated org: Hummingbird's core context plus
/// the connection, so a fault can drop it.
struct SimulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
