import XCTest

@testable import SpacesWidgetEvents

final class WebexIdTests: XCTestCase {
    func testParsesThePartsOfAnId() throws {
        let id = try WebexId(parsing: personA)
        XCTAssertEqual(id.uri, "ciscospark://us/PEOPLE/1f7de5cb-8561-4671-bc03-bc974314442d")
        XCTAssertEqual(id.cluster, "us")
        XCTAssertEqual(id.type, "PEOPLE")
        XCTAssertEqual(id.localId, "1f7de5cb-8561-4671-bc03-bc974314442d")
        XCTAssertTrue(id.wasCanonical)
        XCTAssertEqual(id.encoded, personA)
        XCTAssertEqual("\(id)", personA)

        let membership = try WebexId(parsing: "Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAvMGQwYzkxYjYtY2U2MC00NzI1LWI2ZDAtMzQ1NWQ1ZDExZWYzOmNkZTFkZDQwLTJmMGQtMTFlNS1iYTljLTdiNjU1NmQyMjA3Yg")
        XCTAssertEqual(membership.type, "MEMBERSHIP")
        XCTAssertEqual(membership.localId, "0d0c91b6-ce60-4725-b6d0-3455d5d11ef3:cde1dd40-2f0d-11e5-ba9c-7b6556d2207b")
        XCTAssertTrue(membership.wasCanonical)

        let team = try WebexId(parsing: roomAsTeam)
        XCTAssertEqual(team.type, "ROOM")
        XCTAssertEqual(team.localId, "64e45ae0-c46b-11e5-9df9-0d41e3421973")
    }

    func testLenientEncodingsDecodeAndAreNotCanonical() throws {
        let canonical = try WebexId(parsing: personB)
        let trailing = try WebexId(parsing: personBNotCanonical)
        XCTAssertTrue(canonical.wasCanonical)
        XCTAssertFalse(trailing.wasCanonical)
        XCTAssertEqual(trailing.uri, canonical.uri)
        XCTAssertEqual(trailing.encoded, personB)
        XCTAssertEqual(trailing, canonical)

        let padded = try WebexId(parsing: personA + "=")
        XCTAssertFalse(padded.wasCanonical)
        XCTAssertEqual(padded.localId, "1f7de5cb-8561-4671-bc03-bc974314442d")
        // Standard base64 (with `+` or `/`) of the same URI, padded.
        let standard = try WebexId(parsing: "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ=")
        XCTAssertEqual(standard, padded)
    }

    func testEqualityIgnoresClusterAndEncoding() throws {
        let us = try WebexId(parsing: personA)
        let eu = try WebexId(parsing: "Y2lzY29zcGFyazovL2V1L1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ")
        XCTAssertEqual(eu.cluster, "eu")
        XCTAssertEqual(us, eu)
        XCTAssertEqual(Set([us, eu]).count, 1)
        XCTAssertNotEqual(us, try WebexId(parsing: personC))
        // Same local id, other type: another object.
        let room = try WebexId(cluster: "us", type: "ROOM", localId: us.localId)
        XCTAssertNotEqual(us, room)
        let built = try WebexId(cluster: "us", type: "PEOPLE", localId: "1f7de5cb-8561-4671-bc03-bc974314442d")
        XCTAssertEqual(built.encoded, personA)
        XCTAssertEqual(built, us)
    }

    func testMalformedIds() {
        let cases: [(String, String)] = [
            ("", "not a Webex id: empty"),
            ("1f7de5cb-8561-4671-bc03-bc974314442d", "not a Webex id: a bare UUID"),
            ("not base64!", "not a Webex id: not base64"),
            ("aGVsbG8", "not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI"), // "hello"
            ("Y2lzY29zcGFyazovL3VzL1BFT1BMRS8", "not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI"),
            ("A", "not a Webex id: not base64"),
        ]
        for (text, message) in cases {
            assertThrowsLibraryError(try WebexId(parsing: text)) { e in
                XCTAssertEqual(e.status, .invalidValue, text)
                XCTAssertEqual(e.message, message, text)
            }
        }
        assertThrowsLibraryError(try WebexId(cluster: "us", type: "", localId: "x")) { e in
            XCTAssertEqual(e.status, .invalidValue)
        }
    }

    func testIdsOfAParsedEvent() throws {
        let parsed = try Event.parse(try event("space.messages-created.direct-mentions-files.json"))
        guard case .messageCreated(let m) = parsed.event else { return XCTFail("\(parsed.event)") }
        let author = try WebexId(parsing: try XCTUnwrap(m.personId))
        let actor = try WebexId(parsing: try XCTUnwrap(parsed.envelope.actorId))
        XCTAssertEqual(author, actor)
        XCTAssertEqual(try m.mentions.map { try WebexId(parsing: try XCTUnwrap($0)).localId },
                       ["f06d71a5-0833-4fa5-a72a-cc89b25eee2e"])
    }
}
