#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The literal secrets of this process (access and refresh tokens, client secrets, passwords), added
/// as they become known, so that ``Redaction`` masks them wherever they appear, whatever they look
/// like. Shared by every client of the process; a secret once known stays known.
enum KnownSecrets {
    /// Shorter values are not masked: they would cut ordinary words out of messages.
    static let minimumLength = 6

    private static let store = Store()

    /// Makes `secret` known; nil, short and known values change nothing.
    static func add(_ secret: String?) {
        guard let secret, secret.utf8.count >= minimumLength else { return }
        store.add(secret)
    }

    /// `text` with every known secret replaced by `mask`, and, when `truncated` (the text was cut from
    /// something longer), a trailing beginning of one (four characters or more) as well.
    static func mask(_ text: String, with mask: String, truncated: Bool = false) -> String {
        let secrets = store.secrets
        guard !secrets.isEmpty else { return text }
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacing(secret, with: mask)
        }
        guard truncated else { return text }
        for secret in secrets {
            for length in stride(from: secret.count - 1, through: 4, by: -1) where text.hasSuffix(secret.prefix(length)) {
                return String(text.dropLast(length)) + mask
            }
        }
        return text
    }

    /// The secrets, longest first (so that one containing another is masked whole), behind a lock:
    /// clients on several threads add and read them.
    private final class Store: @unchecked Sendable {
        private var lock = pthread_mutex_t()
        private var values: [String] = []

        init() { pthread_mutex_init(&lock, nil) }

        deinit { pthread_mutex_destroy(&lock) }

        var secrets: [String] {
            pthread_mutex_lock(&lock)
            defer { pthread_mutex_unlock(&lock) }
            return values
        }

        func add(_ secret: String) {
            pthread_mutex_lock(&lock)
            defer { pthread_mutex_unlock(&lock) }
            guard !values.contains(secret) else { return }
            values.append(secret)
            values.sort { $0.utf8.count > $1.utf8.count }
        }
    }
}
