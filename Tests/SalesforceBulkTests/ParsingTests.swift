import Testing

@testable import SalesforceBulk
@testable import Simulator

@Suite struct JSONTests {
    @Test func parsesNestedValuesInOrder() throws {
        let value = try #require(JSONValue.parse(Array(#" {"b":1,"a":[true,null,-2.5e1,"x\u00e9\n"],"c":{}} "#.utf8)))
        #expect(value.members?.map(\.key) == ["b", "a", "c"])
        #expect(value["b"] == .integer(1))
        #expect(value["a"] == .array([.bool(true), .null, .double(-25), .string("xé\n")]))
        #expect(value["c"] == .object([]))
    }

    @Test func surrogatePairsAndEscapes() {
        #expect(JSONValue.parse(Array(#""\ud83d\ude00 \"q\" \/""#.utf8)) == .string("😀 \"q\" /"))
    }

    @Test func rejectsMalformedText() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "01", "tru", "\"\u{01}\"", "1 2", "{\"a\":1}}"] {
            #expect(JSONValue.parse(Array(text.utf8)) == nil, "\(text)")
        }
    }

    /// A quote, backslash or control character is found wherever it lies in a string, and the member
    /// spans agree with the full parse.
    @Test func stringsReadAlikeWithTheSpecialByteAtEveryOffset() {
        func spans(_ bytes: [UInt8]) -> [JSONMemberSpan]? {
            bytes.withUnsafeBufferPointer { buffer in
                var parser = JSONParser(buffer)
                return parser.objectMemberSpans()
            }
        }
        for offset in 0..<19 {
            for tail in 0..<10 {
                let head = String(repeating: "a", count: offset), end = String(repeating: "z", count: tail)
                for (middle, decoded, escaped) in [("é", "é", false), (#"\n"#, "\n", true), (#"\""#, "\"", true), ("", "", false)] {
                    let json = Array(#"{"k":""#.utf8) + Array((head + middle + end).utf8) + Array(#"","n":1}"#.utf8)
                    let member = spans(json)?.first
                    #expect(member.map { json[$0.value].count } == (head + middle + end).utf8.count + 2, "\(json)")
                    #expect(member.map { if case .escapedText = $0.kind { true } else { false } } == escaped)
                    #expect(JSONValue.parse(json)?["k"] == .string(head + decoded + end))
                }
                for broken in [[UInt8(0x01)], [UInt8(0x1F)], Array(#"""#.utf8)] {
                    let json = Array(#"{"k":""#.utf8) + Array(head.utf8) + broken + Array(end.utf8) + Array(#""}"#.utf8)
                    #expect(spans(json) == nil, "\(json)")
                    #expect(JSONValue.parse(json) == nil, "\(json)")
                }
            }
        }
    }

    @Test func encodesBackToJSON() {
        let value = JSONValue.object([("a", .array([.integer(1), .string("q\"")])), ("b", .null)])
        #expect(value.jsonText == #"{"a":[1,"q\""],"b":null}"#)
    }
}

@Suite struct XMLTests {
    @Test func readsSOAPFaultsWithPrefixes() throws {
        let xml = """
            <?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
            <soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode>
            <faultstring>INVALID_LOGIN: Invalid username &amp; password</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>
            """
        let root = try #require(XMLElement.parse(Array(xml.utf8)))
        #expect(root.name == "Envelope")
        #expect(root.find("faultstring")?.text == "INVALID_LOGIN: Invalid username & password")
    }

    @Test func rejectsUnbalancedDocuments() {
        #expect(XMLElement.parse(Array("<a><b></a>".utf8)) == nil)
        #expect(XMLElement.parse(Array("<a>".utf8)) == nil)
        #expect(XMLElement.parse(Array("text".utf8)) == nil)
    }
}

@Suite struct ErrorMappingTests {
    private func response(_ status: Int, _ body: String) -> HTTPResponse {
        HTTPResponse(status: status, body: Array(body.utf8), contentType: nil, retryAfter: nil, limitInfo: nil)
    }

    @Test func bulk2ErrorArray() {
        let error = ErrorMapping.error(
            for: response(404, #"[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]"#),
            jobID: "750D00000004SkLIAU")
        #expect(error == SalesforceError(
            kind: .rest, code: "NOT_FOUND", message: "The requested resource does not exist", status: 404,
            jobID: "750D00000004SkLIAU"))
        #expect(error.description == "rest error NOT_FOUND (HTTP 404): The requested resource does not exist [job 750D00000004SkLIAU]")
    }

    @Test func bulk1ErrorsInXMLAndJSON() {
        let xml = ErrorMapping.error(
            for: response(400, """
                <?xml version="1.0" encoding="UTF-8"?><error xmlns="http://www.force.com/2009/06/asyncapi/dataload">
                <exceptionCode>InvalidJobState</exceptionCode><exceptionMessage>Job is not open</exceptionMessage></error>
                """), jobID: nil)
        #expect(xml.code == "InvalidJobState" && xml.message == "Job is not open" && xml.status == 400 && xml.kind == .rest)
        let json = ErrorMapping.error(for: response(400, #"{"exceptionCode":"InvalidBatch","exceptionMessage":"Records not processed"}"#), jobID: nil)
        #expect(json.code == "InvalidBatch")
    }

    @Test func limitExceededIsRetryableButRest() {
        let error = ErrorMapping.error(
            for: response(403, #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#), jobID: nil)
        #expect(error.kind == .rest && error.code == "REQUEST_LIMIT_EXCEEDED" && error.retryable)
    }

    @Test func oauthErrorsAreLoginErrors() {
        let error = ErrorMapping.loginError(for: response(400, #"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#))
        #expect(error.kind == .login && error.code == "invalid_grant" && error.message == "expired access/refresh token")
    }

    @Test func unreadableBodies() {
        let error = ErrorMapping.error(for: response(502, "<html><body>Bad gateway"), jobID: nil)
        #expect(error.kind == .rest && error.code == "HTTP_502" && error.retryable)
        let bad = ErrorMapping.badResponse(response(200, "not json"), expected: "a job", jobID: nil)
        #expect(bad.kind == .protocol && bad.code == "BAD_RESPONSE")
    }

    @Test func sessionExpiryInBothAPIs() {
        #expect(ErrorMapping.isExpiredSession(response(401, #"[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]"#)))
        #expect(ErrorMapping.isExpiredSession(response(400, "<error><exceptionCode>InvalidSessionId</exceptionCode><exceptionMessage>Invalid session id</exceptionMessage></error>")))
        #expect(!ErrorMapping.isExpiredSession(response(400, "<error><exceptionCode>InvalidJob</exceptionCode></error>")))
        #expect(!ErrorMapping.isExpiredSession(response(403, #"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"x"}]"#)))
    }

    @Test func curlFailures() {
        let refused = ErrorMapping.error(
            for: TransportFailure(code: "COULDNT_CONNECT", message: "Failed to connect", timedOut: false, neverSent: true, transient: true),
            jobID: nil)
        #expect(refused.kind == .connection && refused.code == "COULDNT_CONNECT" && refused.retryable)
        let slow = ErrorMapping.error(
            for: TransportFailure(code: "OPERATION_TIMEDOUT", message: "took too long", timedOut: true, neverSent: false, transient: true),
            jobID: nil)
        #expect(slow.kind == .timeout && slow.code == "TIMEOUT")
    }
}

@Suite struct SmallPartsTests {
    @Test func limitInfoHeader() {
        #expect(LimitInfo.apiUsage("api-usage=18/5000")! == (18, 5000))
        #expect(LimitInfo.apiUsage("api-usage=110018/100000; api-bursts=1/750")! == (110018, 100000))
        #expect(LimitInfo.apiUsage("per-app-api-usage=17/250(appName=x)") == nil)
        #expect(LimitInfo.apiUsage("api-bursts=1/750;\t api-usage = 7 / 90 ")! == (7, 90))
        #expect(LimitInfo.apiUsage("api-usage;api-usage=1/2")! == (1, 2))
        #expect(LimitInfo.apiUsage("api-usage=1/2/3") == nil)
        #expect(LimitInfo.apiUsage("api-usage=/5000") == nil)
        #expect(LimitInfo.apiUsage("api-usage=1/99999999999999999999") == nil)
        #expect(LimitInfo.apiUsage("") == nil && LimitInfo.apiUsage(";;") == nil)
    }

    @Test func salesforceDates() {
        #expect(Time.epochSeconds(of: "1970-01-01T00:00:00.000Z") == 0)
        #expect(Time.epochSeconds(of: "2015-12-15T20:45:25.000+0000") == 1_450_212_325)
        #expect(Time.epochSeconds(of: "2015-12-15T21:45:25.000+01:00") == 1_450_212_325)
        #expect(Time.epochSeconds(of: "2015-12-15") == nil)
        #expect(Time.epochSeconds(of: "2024-02-29T00:00:00.000Z") == 1_709_164_800)
        #expect(Time.epochSeconds(of: "2023-12-31T23:59:59Z") == 1_704_067_199)
        for impossible in [
            "2026-02-30T00:00:00.000Z", "2025-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T25:00:00Z",
            "2026-01-01T10:60:00Z", "2026-01-01T10:00:61Z", "2026-01-01T10x00x00Z", "2026-01-01T10:00:00+1500",
            "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z",
        ] {
            #expect(Time.epochSeconds(of: impossible) == nil, "\(impossible)")
        }
    }

    @Test func loopbackHosts() throws {
        #expect(URLPolicy.isLoopback("127.0.0.1") && URLPolicy.isLoopback("127.9.8.7") && URLPolicy.isLoopback("localhost"))
        #expect(URLPolicy.isLoopback("[::1]") && URLPolicy.isLoopback("::1"))
        #expect(!URLPolicy.isLoopback("128.0.0.1") && !URLPolicy.isLoopback("127.0.0.1.example.com"))
        #expect(try URLPolicy.base("http://127.0.0.1:8080/", role: "instance URL") == URLPolicy.Base(url: "http://127.0.0.1:8080", allowsHTTP: true))
        #expect(try URLPolicy.base("https://acme.my.salesforce.com", role: "x").allowsHTTP == false)
        #expect(throws: SalesforceError.self) { try URLPolicy.base("http://acme.my.salesforce.com", role: "instance URL") }
        #expect(throws: SalesforceError.self) { try URLPolicy.base("ftp://127.0.0.1", role: "instance URL") }
        #expect(throws: SalesforceError.self) { try URLPolicy.base("http://localhost.evil.com", role: "instance URL") }
    }

    @Test func formEncoding() {
        #expect(FormEncoding.encode([("a b", "x&y=z/é")]) == "a%20b=x%26y%3Dz%2F%C3%A9")
    }

    @Test func retryDelays() {
        let policy = RetryPolicy(maximumAttempts: 4, baseDelay: 0.5, maximumDelay: 3, maximumRetryAfter: 10)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0) == 0.25)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0.999)! < 0.5)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 1) == 2)
        #expect(policy.delay(afterAttempt: 2, retryAfter: 60, random: 0) == nil)  // longer than the policy waits
        #expect(policy.delay(afterAttempt: 2, retryAfter: 10, random: 0) == 10)
        #expect(policy.delay(afterAttempt: 2, retryAfter: 2, random: 0) == 2)
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil, random: 0) == nil)
    }
}

@Suite struct RedactionTests {
    @Test func knownSecretsAreMaskedWhateverTheyLookLike() {
        KnownSecrets.add("opaqueUnitTestSecret4242")
        #expect(Redaction.redact("echo opaqueUnitTestSecret4242, again:opaqueUnitTestSecret4242") == "echo [REDACTED], again:[REDACTED]")
        // Text cut from something longer may end in the first part of a secret.
        #expect(Redaction.redact("cut at opaqueUnit", truncated: true) == "cut at [REDACTED]")
        #expect(Redaction.redact("cut at opaqueUnit") == "cut at opaqueUnit")
        // Values this short would cut ordinary words out of messages.
        KnownSecrets.add("short")
        #expect(Redaction.redact("a short word") == "a short word")
    }

    @Test func headersAreMasked() {
        let text = "GET /x HTTP/1.1\r\nAuthorization: Bearer 00Dxx!secret\r\nX-SFDC-Session: 00Dxx!other\r\nAccept: */*\r\n"
        let redacted = Redaction.redact(text)
        #expect(!redacted.contains("00Dxx"))
        #expect(redacted.contains("Authorization: [REDACTED]\r\n"))
        #expect(redacted.contains("Accept: */*"))
    }

    @Test func parametersAndElementsAreMasked() {
        #expect(Redaction.redact("grant_type=password&password=hunter2&client_id=abc") == "grant_type=password&password=[REDACTED]&client_id=abc")
        #expect(Redaction.redact(#"{"access_token":"00D!tok","instance_url":"https://x"}"#) == #"{"access_token":"[REDACTED]","instance_url":"https://x"}"#)
        #expect(Redaction.redact("<sessionId>00D!abc</sessionId>") == "<sessionId>[REDACTED]</sessionId>")
        #expect(Redaction.redact("Uses proxy env variable https_proxy == 'http://user:pass@proxy:3128'") == "Uses proxy env variable https_proxy == 'http://[REDACTED]@proxy:3128'")
        #expect(Redaction.redact("refresh_token=5Aep&client_secret=s3") == "refresh_token=[REDACTED]&client_secret=[REDACTED]")
    }

    @Test func sessionIdsAreMaskedWherever() {
        let token = "00D5g000004Xyz1!AQ4AQFvZ9kPlM3wq8s.UmCq7D0eB2aR_1"
        #expect(Redaction.redact("token expired: \(token) (retry)") == "token expired: [REDACTED] (retry)")
        #expect(Redaction.redact("t = '\(token)'") == "t = '[REDACTED]'")
        #expect(Redaction.redact("org 00D5g000004Xyz1 and job 7505g000001AbcdAAA") == "org 00D5g000004Xyz1 and job 7505g000001AbcdAAA")
    }

    @Test func luaAssignmentsAreMasked() {
        #expect(Redaction.redact(#"sf.connect{access_token = "abc", password='pw'}"#) == #"sf.connect{access_token = "[REDACTED]", password='[REDACTED]'}"#)
    }

    @Test func bearerTokensAreMaskedWherever() {
        #expect(Redaction.redact("sent Bearer eyJhbGciOi.x-y_z, then") == "sent Bearer [REDACTED], then")
    }

    @Test func luaSourceMasksEveryLiteralWhereASecretIsNamed() {
        let cases: [(String, String)] = [
            (#"access_token = os.getenv("X") or "plainsecretvalue""#, #"access_token = os.getenv("[REDACTED]") or "[REDACTED]""#),
            (#"sf.connect{["access_token"]="bracketsecret"}"#, #"sf.connect{["access_token"]="[REDACTED]"}"#),
            (#"password = "p@ss" .. 'word'"#, #"password = "[REDACTED]" .. '[REDACTED]'"#),
            (#"c = sf.connect{instance_url = "https://x", client_secret=[[s3]]}"#, #"c = sf.connect{instance_url = "[REDACTED]", client_secret=[[[REDACTED]]]}"#),
            ("conn = sf.connect{\n  SF_PASSWORD = [==[a]]b]==],\n}", "conn = sf.connect{\n  SF_PASSWORD = [==[[REDACTED]]==],\n}"),
            (#"h = "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig""#, #"h = "Bearer [REDACTED]""#),
            (#"body = "grant_type=password&password=hunter2" -- token=abc"#, #"body = "grant_type=password&password=[REDACTED]" -- token=[REDACTED]"#),
            (#"if token == "x" then print("same") end"#, #"if token == "x" then print("same") end"#),
            (#"print("token", 'a \' b', sf.id18(x))"#, #"print("token", 'a \' b', sf.id18(x))"#),
            (#"label = "kept"; n = #tokens"#, #"label = "kept"; n = #tokens"#),
        ]
        for (source, expected) in cases {
            #expect(Redaction.redactLuaSource(source) == expected)
        }
    }
}

@Suite struct ResponseCheckTests {
    @Test func utf8AtEveryOffsetAgreesWithTheStandardLibrary() {
        let samples: [[UInt8]] = [[], Array("é".utf8), Array("😀".utf8), [0xFF, 0xFE], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80]]
        for sample in samples {
            for offset in 0..<70 {
                for tail in 0..<3 {
                    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: offset) + sample + [UInt8](repeating: UInt8(ascii: "z"), count: tail)
                    #expect(ResponseCheck.isUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
                }
            }
        }
    }

    @Test func readableMediaTypes() {
        for type in ["application/json", "application/json;charset=UTF-8", "Application/JSON ; charset=utf-8", "text/xml",
                     "application/soap+xml; charset=UTF-8", "application/vnd.api+json", "application/json \t",
                     " application/json;", "TEXT/XML"] {
            #expect(ResponseCheck.isReadable(mediaType: type), "\(type)")
        }
        for type in ["text/html; charset=UTF-8", "text/plain", "", "application/jsonp", "json", "application/xml-dtd", " ; /json",
                     "text/html; x=application/json", "/jso"] {
            #expect(!ResponseCheck.isReadable(mediaType: type), "\(type)")
        }
    }
}

@Suite struct SalesforceIDTests {
    @Test func theDocumentedExample() {
        #expect(SalesforceID("001D000000IqhSL")?.value == "001D000000IqhSLIAZ")
        #expect(SalesforceID("001D000000IqhSLIAZ")?.value == "001D000000IqhSLIAZ")
        #expect(SalesforceID("001D000000IqhSLiaz")?.value == "001D000000IqhSLIAZ")
    }

    @Test func anEighteenCharacterIdInAnyCaseTakesItsCaseFromTheChecksum() throws {
        for typed in ["7508D000000GMA9AAC", "7508d000000gma9aac", "7508D000000Gma9Aac", "7508d000000gMA9aAc"] {
            #expect(SalesforceID(typed)?.value == "7508d000000Gma9AAC", "\(typed)")
            #expect(try JobID(typed).value == "7508d000000Gma9AAC", "\(typed)")
        }
        // The checksum decides: IAA marks only the D upper case.
        #expect(SalesforceID("001D000000IqhSLIAA")?.value == "001D000000iqhslIAA")
        // Fifteen characters carry no checksum: their case is the id.
        #expect(SalesforceID("7508D000000GMA9")?.value == "7508D000000GMA9QAO")
    }

    @Test func aChecksumThatCannotBeRightIsRefused() {
        // B marks the first character, the digit 7, as upper case.
        #expect(SalesforceID("7508d000000Gma9BAC") == nil)
        #expect(SalesforceID.problem(with: "7508D000000GMA9BAC") == "checksum BAC cannot be right: it marks character 1 (7), a digit, as upper case")
        // 9 is outside the checksum alphabet A-Z, 0-5.
        #expect(SalesforceID("7508d000000Gma9A9C") == nil)
        #expect(SalesforceID.problem(with: "7508d000000Gma9A9C") == "checksum A9C cannot be right: 9 is not a checksum character (A-Z, 0-5)")
        #expect(throws: SalesforceError.self) { try JobID("7508D000000GMA9BAC") }
    }

    @Test func acceptsExactlyWhatProblemAccepts() {
        var random = SeededRandom(seed: 42)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_ é".utf8)
        for _ in 0..<20_000 {
            let length = [14, 15, 16, 18, 18, 18][Int(random.next() % 6)]
            var bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count - 4))] }
            if length == 18, random.next() % 2 == 0, let id = SalesforceID(String(decoding: bytes.prefix(15), as: UTF8.self)) {
                bytes = Array(id.value.utf8)  // a valid checksum half of the time
                if random.next() % 3 == 0 { bytes[16] = bytes[16] | 0x20 }
            }
            if random.next() % 50 == 0 { bytes[Int(random.next() % UInt64(bytes.count))] = alphabet[alphabet.count - 1 - Int(random.next() % 4)] }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect((SalesforceID(text) != nil) == (SalesforceID.problem(with: text) == nil), "\(text)")
        }
    }
}
