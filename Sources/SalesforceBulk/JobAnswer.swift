/// A Bulk 2.0 job answer kept as the JSON bytes Salesforce sent, with where each member lies read
/// once: a field becomes a Swift value only when asked for, and ``forEachField(_:)`` hands fields
/// out as bytes, so a job goes from the response to a Lua table without a Swift string per field.
/// Fields read the same as ``JobDecoding`` decodes them from the same answer.
public struct JobAnswer: Sendable {
    private let bytes: [UInt8]
    private let members: [JSONMemberSpan]

    /// A field's normalised value: text that needs no decoding stays bytes of the answer.
    public enum FieldBytes {
        case text(UnsafeRawBufferPointer)
        case value(FieldValue)
    }

    /// nil unless `bytes` are UTF-8 holding one JSON object whose keys have no escapes.
    init?(_ bytes: [UInt8]) {
        guard ResponseCheck.isUTF8(bytes),
            let members = bytes.withUnsafeBufferPointer({ buffer -> [JSONMemberSpan]? in
                var parser = JSONParser(buffer)
                return parser.objectMemberSpans()
            })
        else { return nil }
        self.bytes = bytes
        self.members = members
    }

    /// How many fields the answer has.
    public var count: Int { members.count }

    /// Calls `body` with each field's name and normalised value, in answer order; the buffers are
    /// valid only during the call.
    public func forEachField(_ body: (_ name: UnsafeRawBufferPointer, _ value: FieldBytes) -> Void) {
        bytes.withUnsafeBytes { answer in
            for member in members {
                let name = UnsafeRawBufferPointer(rebasing: answer[member.key])
                body(name, Self.value(of: member, named: name, in: answer))
            }
        }
    }

    /// The fields as ``Job/fields`` holds them.
    var fields: [(name: String, value: FieldValue)] {
        var fields: [(name: String, value: FieldValue)] = []
        fields.reserveCapacity(members.count)
        forEachField { name, value in fields.append((String(decoding: name, as: UTF8.self), Self.fieldValue(value))) }
        return fields
    }

    /// Whether the answer has a field `name`.
    func has(_ name: StaticString) -> Bool {
        bytes.withUnsafeBytes { answer in
            members.contains { answer[$0.key].equals(name) }
        }
    }

    /// The value of the first field named `name`.
    func value(named name: String) -> FieldValue? {
        var name = name
        return name.withUTF8 { wanted in
            bytes.withUnsafeBytes { answer -> FieldValue? in
                let named = { (member: JSONMemberSpan) in member.key.count == wanted.count && answer[member.key].elementsEqual(wanted) }
                guard let member = members.first(where: named) else { return nil }
                return Self.fieldValue(Self.value(of: member, named: UnsafeRawBufferPointer(rebasing: answer[member.key]), in: answer))
            }
        }
    }

    /// The first field whose type is not the one ``JobFieldTypes`` gives it, described; nil when every
    /// type is right. A field whose scanned kind already shows the right type is not decoded; others are
    /// checked as ``JobDecoding`` decodes them.
    func typeProblem() -> String? {
        bytes.withUnsafeBytes { answer -> String? in
            for member in members {
                let name = UnsafeRawBufferPointer(rebasing: answer[member.key])
                if Self.isPlainlyRight(member, JobFieldTypes.rule(utf8: name), in: answer) { continue }
                guard let json = JSONValue.parse(answer[member.value]) else { continue }  // scanned already: cannot fail
                if let problem = JobFieldTypes.problem(named: String(decoding: name, as: UTF8.self), json: json) { return problem }
            }
            return nil
        }
    }

    /// Whether the member's kind alone shows a type ``JobFieldTypes`` accepts (else its value is checked).
    private static func isPlainlyRight(_ member: JSONMemberSpan, _ rule: JobFieldTypes.Rule, in answer: UnsafeRawBufferPointer) -> Bool {
        switch (rule, member.kind) {
        case (.free, _), (.identifier, .text), (.text, .text), (.text, .null), (.integer, .null), (.jobType, .null): true
        case (.integer, .number(integral: true)): JSONParser.integer(answer[member.value]) != nil
        case (.jobType, .text): JobFieldTypes.isJobTypeName(answer[member.value].dropFirst().dropLast())
        default: false
        }
    }

    private static func fieldValue(_ value: FieldBytes) -> FieldValue {
        switch value {
        case .text(let text): .string(String(decoding: text, as: UTF8.self))
        case .value(let value): value
        }
    }

    /// The member's value, normalised as ``JobDecoding/value(named:json:)`` does.
    private static func value(of member: JSONMemberSpan, named name: UnsafeRawBufferPointer, in answer: UnsafeRawBufferPointer) -> FieldBytes {
        let token = answer[member.value]
        switch member.kind {
        case .null: return .value(.null)
        case .bool(let flag): return .value(.bool(flag))
        case .text where !JobDecoding.isInteger(utf8: name):
            return .text(UnsafeRawBufferPointer(rebasing: token.dropFirst().dropLast()))
        case .number(integral: true) where !name.equals("apiVersion"):
            if let number = JSONParser.integer(token) { return .value(.integer(number)) }
        default: break
        }
        return decoded(token, named: name)
    }

    /// Numbers that need more than an integer, escaped strings, numeric text and nested values, decoded
    /// the way ``JobDecoding`` decodes them; an API version written as it would write it back stays bytes.
    /// Out of line, so that the common cases above stay inlined where fields are read.
    @inline(never)
    private static func decoded(_ token: Slice<UnsafeRawBufferPointer>, named name: UnsafeRawBufferPointer) -> FieldBytes {
        if name.equals("apiVersion") && isWholeVersion(token) { return .text(UnsafeRawBufferPointer(rebasing: token)) }
        guard let json = JSONValue.parse(token) else { return .value(.null) }  // scanned already: cannot fail
        return .value(JobDecoding.value(named: String(decoding: name, as: UTF8.self), json: json))
    }

    /// Whether a number is written as ``JobDecoding`` writes an API version back: 1 to 15 digits (JSON
    /// allows no leading zero), then `.0`, as Salesforce's `66.0`; the answer's own bytes are then the text.
    private static func isWholeVersion(_ token: Slice<UnsafeRawBufferPointer>) -> Bool {
        guard (3...17).contains(token.count), token[token.endIndex - 2] == UInt8(ascii: "."), token.last == UInt8(ascii: "0")
        else { return false }
        return token.dropLast(2).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
