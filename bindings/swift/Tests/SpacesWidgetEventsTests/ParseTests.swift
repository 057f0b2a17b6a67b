import Foundation
import XCTest

@testable import SpacesWidgetEvents

/// Byte offset of the first occurrence of `needle` in `text`.
private func byteOffset(of needle: String, in text: String) -> Int? {
    guard let range = text.range(of: needle) else { return nil }
    return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
}

final class ParseTests: XCTestCase {
    // MARK: messages:created

    func testMessageCreatedDirectWithFilesAndMentions() throws {
        let parsed = try Event.parse(try event("space.messages-created.direct-mentions-files.json"))
        XCTAssertEqual(parsed.kind, .messagesCreated)
        XCTAssertEqual(parsed.name, "messages:created")
        XCTAssertEqual(parsed.envelope.canonicalName, "messages:created")
        XCTAssertEqual(parsed.envelope.resource, "messages")
        XCTAssertEqual(parsed.envelope.event, "created")
        XCTAssertEqual(parsed.envelope.actorId, personA)
        XCTAssertNil(parsed.envelope.action)
        XCTAssertFalse(parsed.envelope.wrapped)
        XCTAssertEqual(parsed.warnings, [])

        guard case .messageCreated(let m) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(m.id, messageId)
        XCTAssertEqual(m.roomId, roomUnicorn)
        XCTAssertEqual(m.roomType, .direct)
        XCTAssertEqual(m.roomTypeText, "direct")
        XCTAssertEqual(m.text, "hi Example User B")
        XCTAssertEqual(m.html, "<p>hi <spark-mention data-object-type=\"person\" data-object-id=\"f06d71a5-0833-4fa5-a72a-cc89b25eee2e\">Example User B</spark-mention></p>")
        XCTAssertEqual(m.personId, personA)
        XCTAssertEqual(m.personEmail, "user-a@example.com")
        XCTAssertEqual(m.created.text, "2021-03-04T17:33:56.767Z")
        XCTAssertEqual(m.created.unixMilliseconds, 1_614_879_236_767)
        XCTAssertTrue(m.created.isValid)
        XCTAssertEqual(m.created.date, Date(timeIntervalSince1970: 1_614_879_236.767))
        XCTAssertEqual(m.toPersonId, personB)
        XCTAssertEqual(m.toPersonEmail, "user-b@example.com")
        XCTAssertEqual(m.actorId, personA)
        XCTAssertEqual(m.actorName, "Example User A")

        XCTAssertEqual(m.files.count, 1)
        let file = m.files[0]
        XCTAssertEqual(file.form, .object)
        XCTAssertEqual(file.url, "https://files.example.com/v1/spaces/0000/contents/0000/versions/0000/bytes")
        XCTAssertEqual(file.displayName, "report.pdf")
        XCTAssertEqual(file.objectType, "file")
        XCTAssertEqual(file.mimeType, "application/pdf")
        XCTAssertEqual(file.size, 48213)
        XCTAssertEqual(m.filesJSON, #"[{"objectType":"file","displayName":"report.pdf","fileSize":48213,"mimeType":"application/pdf","url":"https://files.example.com/v1/spaces/0000/contents/0000/versions/0000/bytes"}]"#)

        XCTAssertEqual(m.mentionsKind, .list)
        XCTAssertEqual(m.mentions, [personB])
        XCTAssertEqual(m.mentionsJSON, #"[{"id":"\#(personB)"}]"#)
    }

    func testMessageCreatedDocsWithURLFileAndNonCanonicalId() throws {
        let text = try event("widget-space.messages-created.docs.json")
        let parsed = try Event.parse(text)
        guard case .messageCreated(let m) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(m.roomType, .group)
        XCTAssertEqual(m.text, "This is a test")
        XCTAssertEqual(m.html, "This is a <b>test</b>")
        XCTAssertEqual(m.personId, personC)
        XCTAssertEqual(m.personEmail, "user-b@example.com")
        XCTAssertEqual(m.toPersonId, personBNotCanonical)
        XCTAssertEqual(m.actorName, "Example User A")
        XCTAssertNil(m.actorId)
        XCTAssertEqual(m.created.text, "2015-10-18T14:26:16+00:00")
        XCTAssertEqual(m.created.unixMilliseconds, 1_445_178_376_000)
        XCTAssertEqual(m.files.count, 1)
        XCTAssertEqual(m.files[0].form, .url)
        XCTAssertEqual(m.files[0].url, "http://www.example.com/images/media.png")
        XCTAssertNil(m.files[0].displayName)
        XCTAssertNil(m.files[0].size)
        XCTAssertEqual(m.filesJSON, #"["http://www.example.com/images/media.png"]"#)
        XCTAssertEqual(m.mentionsKind, .list)
        XCTAssertEqual(m.mentions, [])
        XCTAssertEqual(m.mentionsJSON, "[]")

        XCTAssertEqual(parsed.warnings.count, 1)
        let w = parsed.warnings[0]
        XCTAssertEqual(w.code, .idNotCanonical)
        XCTAssertEqual(w.path, "data.toPersonId")
        XCTAssertEqual(w.message, "id is not in canonical form (unpadded base64url with zero trailing bits)")
        XCTAssertEqual(w.offset, 424)
        XCTAssertEqual(w.offset, byteOffset(of: "\"" + personBNotCanonical, in: text))
    }

    func testMessageCreated2017WithSpaceIdAndMissingRoomType() throws {
        let parsed = try Event.parse(try event("widget-message-meet.messages-created.docs-2017-02.json"))
        guard case .messageCreated(let m) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(m.id, "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvMzIzZWUyZjAtOWFhZC0xMWU1LTg1YmYtMWRhZjhkNDJlZjlj")
        XCTAssertEqual(m.roomId, "Y2lzY29zcGFyazovL3VzL1JPT00vY2RlMWRkNDAtMmYwZC0xMWU1LWJhOWMtN2I2NTU2ZDIyMDdi")
        XCTAssertEqual(m.roomType, .absent)
        XCTAssertNil(m.roomTypeText)
        XCTAssertNil(m.text)
        XCTAssertNil(m.html)
        XCTAssertEqual(m.personEmail, "user-d@example.com")
        XCTAssertEqual(m.created.unixMilliseconds, 1_480_872_836_767)
        XCTAssertEqual(m.files, [])
        XCTAssertNil(m.filesJSON)
        XCTAssertEqual(m.mentionsKind, .absent)
        XCTAssertEqual(m.mentions, [])
        XCTAssertNil(m.mentionsJSON)
        XCTAssertEqual(parsed.warnings.map(\.code), [.missingField])
        XCTAssertEqual(parsed.warnings.map(\.path), ["data.roomType"])
        XCTAssertEqual(parsed.warnings.map(\.message), ["`roomType` is absent; messages:created always carries it"])
    }

    func testWrappedBridgeEvent() throws {
        let parsed = try Event.parse(try event("bridge.name-and-detail.json"))
        XCTAssertTrue(parsed.envelope.wrapped)
        XCTAssertEqual(parsed.name, "messages:created")
        XCTAssertEqual(parsed.envelope.actorId, personA)
        guard case .messageCreated(let m) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(m.text, "x")
        XCTAssertEqual(m.actorId, personA)
        XCTAssertEqual(m.roomType, .group)
        XCTAssertEqual(m.created.unixMilliseconds, 1_614_879_236_767)
        // Re-emits in the form it arrived in, or another on request.
        XCTAssertTrue(try parsed.toJSON().hasPrefix(#"{"name":"messages:created","detail":{"resource":"messages""#))
        XCTAssertTrue(try parsed.toJSON(form: .detail).hasPrefix(#"{"resource":"messages","event":"created""#))
    }

    // MARK: rooms

    func testRoomUnreadWithoutTeam() throws {
        let parsed = try Event.parse(try event("space.rooms-unread.no-team.json"))
        guard case .roomUnread(let r) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(parsed.kind, .roomsUnread)
        XCTAssertEqual(parsed.envelope.actorId, personA)
        XCTAssertEqual(r.id, roomUnicorn)
        XCTAssertEqual(r.title, "Project Unicorn - Sprint 0")
        XCTAssertEqual(r.roomType, .group)
        XCTAssertEqual(r.roomTypeText, "group")
        XCTAssertEqual(r.isLocked, false)
        XCTAssertEqual(r.teamKind, .none)
        XCTAssertFalse(r.teamKind.isInTeam)
        XCTAssertEqual(r.teamId, "")
        XCTAssertEqual(r.lastActivity.text, "2021-03-04T17:33:56.767Z")
        XCTAssertEqual(r.lastActivity.unixMilliseconds, 1_614_879_236_767)
        XCTAssertEqual(r.created.text, "2016-04-21T19:01:55.966Z")
        XCTAssertEqual(r.created.unixMilliseconds, 1_461_265_315_966)
        XCTAssertEqual(r.actorId, personA)
        XCTAssertEqual(r.actorName, "Example User A")
        XCTAssertNil(r.tagsJSON)
        XCTAssertEqual(parsed.warnings, [])
    }

    func testRoomUnreadDocsWithTeamIdOfWrongType() throws {
        let text = try event("widget-space.rooms-unread.docs.json")
        let parsed = try Event.parse(text)
        guard case .roomUnread(let r) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(r.isLocked, true)
        XCTAssertEqual(r.teamKind, .id)
        XCTAssertEqual(r.teamId, roomAsTeam)
        XCTAssertEqual(r.lastActivity.unixMilliseconds, 1_461_265_968_920)
        XCTAssertEqual(r.actorName, "Example User A")
        XCTAssertEqual(parsed.warnings.count, 1)
        XCTAssertEqual(parsed.warnings[0].code, .idUnexpectedType)
        XCTAssertEqual(parsed.warnings[0].path, "data.teamId")
        XCTAssertEqual(parsed.warnings[0].message, "expected a TEAM id, found a ROOM id")
        XCTAssertEqual(parsed.warnings[0].offset, byteOffset(of: "\"" + roomAsTeam, in: text))
    }

    func testRoomRead() throws {
        let parsed = try Event.parse(try event("widget-space.rooms-read.docs.json"))
        guard case .roomRead(let r) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(parsed.kind, .roomsRead)
        XCTAssertEqual(r.id, roomUnicorn)
        XCTAssertEqual(r.title, "Project Unicorn - Sprint 0")
        XCTAssertEqual(r.actorId, personA)
        XCTAssertEqual(r.actorName, "Example User A")
        XCTAssertEqual(r.isLocked, true)
        XCTAssertEqual(r.created.unixMilliseconds, 1_461_265_315_966)
        XCTAssertEqual(parsed.envelope.actorId, personA) // from data.actorId
        XCTAssertEqual(parsed.warnings.map(\.path), ["data.teamId"])
        XCTAssertEqual(parsed.warnings[0].offset, 379)
    }

    func testRoomSelectedWithAction() throws {
        let parsed = try Event.parse(try event("widget-recents.rooms-selected-call.docs.json"))
        guard case .roomSelected(let r) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(parsed.kind, .roomsSelected)
        XCTAssertEqual(parsed.envelope.action, "call")
        XCTAssertEqual(r.id, roomUnicorn)
        XCTAssertEqual(r.teamKind, .id)

        let plain = try Event.parse(try event("widget-recents.rooms-selected.docs.json"))
        XCTAssertNil(plain.envelope.action)
        guard case .roomSelected = plain.event else { return XCTFail("\(plain.event)") }
        XCTAssertEqual(try plain.dataJSON("toPersonEmail"), #""user-c@example.com""#)
    }

    func testOldRoomNamesResolve() throws {
        let parsed = try Event.parse(#"{"resource":"spaces","event":"read","data":{"id":"x"}}"#)
        guard case .roomRead(let r) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(r.id, "x")
        XCTAssertEqual(parsed.name, "spaces:read")
        XCTAssertEqual(parsed.envelope.canonicalName, "rooms:read")
        XCTAssertEqual(parsed.warnings.map(\.code), [.idMalformed, .missingField, .missingField])
        XCTAssertEqual(parsed.warnings.map(\.path), ["data.id", "data.type", "data.lastActivity"])
    }

    // MARK: calls

    func testCallCreated() throws {
        let parsed = try Event.parse(try event("widget-space.calls-created.docs-2017.json"))
        guard case .callCreated(let c) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(parsed.kind, .callsCreated)
        XCTAssertEqual(parsed.envelope.actorId, personA)
        XCTAssertEqual(c.roomId, roomUnicorn)
        XCTAssertEqual(c.personId, personC)
        XCTAssertEqual(c.personEmail, "user-c@example.com")
        XCTAssertNil(c.actorId)
        XCTAssertEqual(c.actorName, "Example User A")
        XCTAssertEqual(c.callKind, .placeholder)
        XCTAssertEqual(c.callJSON, #""[Call Object]""#)
        XCTAssertNil(c.callId)
        XCTAssertNil(c.callStatus)
        XCTAssertNil(c.callState)
        XCTAssertNil(c.callDirection)
        XCTAssertNil(c.callLocusURL)
        XCTAssertNil(c.callCorrelationId)
        XCTAssertEqual(parsed.warnings, [])
    }

    func testCallConnected() throws {
        let parsed = try Event.parse(try event("widget-space.calls-connected.docs-2017.json"))
        guard case .callConnected(let c) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(c.roomId, roomUnicorn)
        XCTAssertNil(c.personId)
        XCTAssertNil(c.personEmail)
        XCTAssertEqual(c.actorName, "Example User A")
        XCTAssertEqual(c.callKind, .placeholder)
    }

    func testCallDisconnected() throws {
        let parsed = try Event.parse(try event("widget-space.calls-disconnected.docs-2017.json"))
        guard case .callDisconnected(let c) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(parsed.kind, .callsDisconnected)
        XCTAssertEqual(c.roomId, roomUnicorn)
        XCTAssertEqual(c.callJSON, #""[Call Object]""#)
    }

    func testCallObjectFields() throws {
        let json = #"{"resource":"calls","event":"connected","actorId":"\#(personA)","data":{"roomId":"\#(roomUnicorn)","call":{"id":"c1","status":"connected","state":"JOINED","direction":"out","locusUrl":"https://locus.example.com/l/1","correlationId":"corr-1","extra":[1,2]}}}"#
        let parsed = try Event.parse(json)
        guard case .callConnected(let c) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(c.callKind, .object)
        XCTAssertEqual(c.callId, "c1")
        XCTAssertEqual(c.callStatus, "connected")
        XCTAssertEqual(c.callState, "JOINED")
        XCTAssertEqual(c.callDirection, "out")
        XCTAssertEqual(c.callLocusURL, "https://locus.example.com/l/1")
        XCTAssertEqual(c.callCorrelationId, "corr-1")
        XCTAssertEqual(c.callJSON, #"{"id":"c1","status":"connected","state":"JOINED","direction":"out","locusUrl":"https://locus.example.com/l/1","correlationId":"corr-1","extra":[1,2]}"#)
        XCTAssertEqual(try parsed.toJSON(), json)

        let absent = try Event.parse(#"{"resource":"calls","event":"disconnected","data":{"roomId":"\#(roomUnicorn)","call":null}}"#)
        guard case .callDisconnected(let d) = absent.event else { return XCTFail("\(absent.event)") }
        XCTAssertEqual(d.callKind, .absent)
    }

    // MARK: other kinds

    func testMemberships() throws {
        let parsed = try Event.parse(try event("widget-recents.memberships-created.docs.json"))
        guard case .membershipCreated(let m) = parsed.event else { return XCTFail("\(parsed.event)") }
        XCTAssertEqual(parsed.kind, .membershipsCreated)
        XCTAssertEqual(m.id, "Y2lzY29zcGFyazovL3VzL01FTUJFUlNISVAvMGQwYzkxYjYtY2U2MC00NzI1LWI2ZDAtMzQ1NWQ1ZDExZWYzOmNkZTFkZDQwLTJmMGQtMTFlNS1iYTljLTdiNjU1NmQyMjA3Yg")
        XCTAssertEqual(m.roomId, roomUnicorn)
        XCTAssertEqual(m.personId, personC)
        XCTAssertEqual(m.personEmail, "user-c@example.com")
        XCTAssertEqual(m.created.text, "2015-10-18T14:26:16+00:00")
        XCTAssertEqual(m.created.unixMilliseconds, 1_445_178_376_000)
        XCTAssertEqual(m.actorId, personA) // the envelope's copy
        XCTAssertNil(m.actorName)
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertEqual(try parsed.dataJSON("personEmail"), #""user-c@example.com""#)
        XCTAssertNil(try parsed.dataJSON("nope"))

        let deleted = try Event.parse(#"{"resource":"memberships","event":"deleted","actorId":"\#(personA)","data":{"id":"m1","roomId":"\#(roomUnicorn)","actorName":"A"}}"#)
        guard case .membershipDeleted(let d) = deleted.event else { return XCTFail("\(deleted.event)") }
        XCTAssertEqual(d.id, "m1")
        XCTAssertEqual(d.roomId, roomUnicorn)
        XCTAssertEqual(d.actorName, "A")
        XCTAssertNil(d.personEmail)
        XCTAssertNil(d.created.text)
        XCTAssertEqual(deleted.warnings.map(\.path), ["data.id", "data.personId", "data.personEmail", "data.created"])
    }

    func testCallMemberships() throws {
        let cases: [(String, EventKind)] = [
            ("notified", .callMembershipsNotified), ("connected", .callMembershipsConnected),
            ("declined", .callMembershipsDeclined), ("disconnected", .callMembershipsDisconnected),
        ]
        for (change, kind) in cases {
            let text = #"{"name":"calls:memberships:\#(change)","detail":{"resource":"calls","event":"memberships","actorId":"\#(personA)","data":{"actorName":"Example User A","roomId":"\#(roomUnicorn)"}}}"#
            let parsed = try Event.parse(text)
            XCTAssertEqual(parsed.kind, kind, change)
            XCTAssertEqual(parsed.name, "calls:memberships:" + change)
            XCTAssertEqual(parsed.envelope.event, "memberships")
            let c: CallMembership
            switch parsed.event {
            case .callMembershipNotified(let x) where change == "notified": c = x
            case .callMembershipConnected(let x) where change == "connected": c = x
            case .callMembershipDeclined(let x) where change == "declined": c = x
            case .callMembershipDisconnected(let x) where change == "disconnected": c = x
            default: return XCTFail("\(change): \(parsed.event)")
            }
            XCTAssertEqual(c.roomId, roomUnicorn, change)
            XCTAssertEqual(c.actorName, "Example User A", change)
            XCTAssertEqual(c.actorId, personA, change)
            XCTAssertEqual(parsed.warnings, [], change)
        }
        let lost = try Event.parse(#"{"resource":"calls","event":"memberships","data":{"roomId":"\#(roomUnicorn)","actorId":"\#(personA)","actorName":"B"}}"#)
        guard case .callMembershipChanged(let c) = lost.event else { return XCTFail("\(lost.event)") }
        XCTAssertEqual(lost.kind, .callMemberships)
        XCTAssertEqual(c.actorName, "B")
    }

    func testNotificationsMentionsActivitiesAndUsers() throws {
        let notification = try Event.parse(try event("widget-space.notifications-created.docs.json"))
        XCTAssertEqual(notification.kind, .notificationCreated)
        XCTAssertEqual(notification.name, "notifications:created")
        XCTAssertEqual(notification.envelope.canonicalName, "notification:created")
        guard case .notificationCreated(let n) = notification.event else { return XCTFail("\(notification.event)") }
        XCTAssertEqual(n.notificationJSON, #""[Notification Object]""#)
        XCTAssertNil(n.username)

        let clicked = try Event.parse(#"{"resource":"notification","event":"clicked","data":{"username":"u","message":"hi","avatar":"https://a.example.com/1","alertType":"full","notificationId":"n1"}}"#)
        guard case .notificationClicked(let c) = clicked.event else { return XCTFail("\(clicked.event)") }
        XCTAssertEqual([c.username, c.message, c.avatar, c.alertType, c.notificationId],
                       ["u", "hi", "https://a.example.com/1", "full", "n1"])
        XCTAssertNil(c.notificationJSON)

        let mention = try Event.parse(try event("widget-space.mention-clicked.docs.json"))
        guard case .mentionClicked(let m) = mention.event else { return XCTFail("\(mention.event)") }
        XCTAssertEqual(m.id, roomUnicorn)
        XCTAssertEqual(m.mentionType, "person")

        let activity = try Event.parse(#"{"resource":"activity","event":"changed","data":{"name":"meet","displayName":"Meet","type":"x"}}"#)
        guard case .activityChanged(let a) = activity.event else { return XCTFail("\(activity.event)") }
        XCTAssertEqual([a.name, a.displayName, a.activityType], ["meet", "Meet", "x"])

        for (name, kind) in [("add", EventKind.addClicked), ("profile", .profileClicked), ("user_signout", .userSignoutClicked)] {
            let user = try Event.parse(#"{"resource":"\#(name)","event":"clicked","data":{"id":"\#(personA)","displayName":"Me"}}"#)
            XCTAssertEqual(user.kind, kind, name)
            let u: User
            switch user.event {
            case .addClicked(let x), .profileClicked(let x), .userSignoutClicked(let x): u = x
            default: return XCTFail("\(name): \(user.event)")
            }
            XCTAssertEqual(u.id, personA, name)
            XCTAssertEqual(u.displayName, "Me", name)
        }
    }

    func testKindFromName() {
        XCTAssertEqual(EventKind(name: "rooms:read"), .roomsRead)
        XCTAssertEqual(EventKind(name: "spaces:read"), .roomsRead)
        XCTAssertEqual(EventKind(name: "calls:memberships:connected"), .callMembershipsConnected)
        XCTAssertEqual(EventKind(name: "widget:resized"), .unknown)
        XCTAssertEqual(EventKind(name: ""), .unknown)
        for kind in EventKind.allCases where kind != .unknown {
            XCTAssertEqual(EventKind(name: kind.name!), kind)
        }
    }

    func testUnknownEvent() throws {
        let text = #"{"name":"widget:resized","detail":{"resource":"widget","event":"resized","data":{"width":640,"height":480}}}"#
        let parsed = try Event.parse(text)
        XCTAssertEqual(parsed.event, .unknown(name: "widget:resized", json: text))
        XCTAssertEqual(parsed.kind, .unknown)
        XCTAssertNil(EventKind.unknown.name)
        XCTAssertEqual(try parsed.dataJSON("width"), "640")
    }

    func testEveryKindHasItsName() {
        XCTAssertEqual(EventKind.allCases.count, 22)
        for kind in EventKind.allCases where kind != .unknown {
            XCTAssertNotNil(kind.name, "\(kind)")
        }
        XCTAssertEqual(EventKind.callMembershipsConnected.name, "calls:memberships:connected")
        XCTAssertEqual(EventKind.roomsRead.name, "rooms:read")
    }

    // MARK: emitting JSON

    func testToJSONRoundTripsEveryFixture() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: repoRoot.appendingPathComponent("tests/data/events").path).filter { $0.hasSuffix(".json") }
        XCTAssertEqual(names.count, 18)
        for name in names {
            let parsed = try Event.parse(try event(name))
            let compact = try parsed.toJSON()
            XCTAssertFalse(compact.contains("\n"), name)
            let again = try Event.parse(compact)
            XCTAssertEqual(again.event, parsed.event, name)
            let (a, b) = (again.envelope, parsed.envelope)
            XCTAssertEqual([a.name, a.canonicalName, a.resource, a.event], [b.name, b.canonicalName, b.resource, b.event], name)
            XCTAssertEqual([a.actorId, a.action], [b.actorId, b.action], name)
            XCTAssertEqual(a.wrapped, b.wrapped, name)
            // Offsets move when the text is re-emitted compact; the rest stays.
            XCTAssertEqual(a.warnings.map(\.code), b.warnings.map(\.code), name)
            XCTAssertEqual(a.warnings.map(\.path), b.warnings.map(\.path), name)
            XCTAssertEqual(try again.toJSON(), compact, name)
            // Pretty output is what JSON.stringify(v, null, 2) writes: the fixtures are written so.
            XCTAssertEqual(try parsed.toJSON(pretty: true) + "\n", try event(name), name)
        }
    }

    func testWrappedForm() throws {
        let parsed = try Event.parse(try event("widget-space.calls-connected.docs-2017.json"))
        let wrapped = try parsed.toJSON(form: .wrapped)
        XCTAssertTrue(wrapped.hasPrefix(#"{"name":"calls:connected","detail":{"resource":"calls""#), wrapped)
        XCTAssertTrue(try Event.parse(wrapped).envelope.wrapped)
    }

    // MARK: errors

    func testDocSamplesInLiteralMode() throws {
        // The documentation's samples: two parse, four are broken, each at an exact place.
        let message = try Event.parse(try docSample("messages-created.js"), literal: true)
        guard case .messageCreated(let m) = message.event else { return XCTFail("\(message.event)") }
        XCTAssertEqual(m.personEmail, "matt@example.com")
        XCTAssertEqual(m.toPersonEmail, "julie@example.com")
        XCTAssertEqual(m.files.map(\.url), ["http://www.example.com/images/media.png"])
        XCTAssertEqual(message.warnings.map(\.code), [.idNotCanonical])

        let unread = try Event.parse(try docSample("rooms-unread.js"), literal: true)
        XCTAssertEqual(unread.kind, .roomsUnread)
        XCTAssertEqual(unread.warnings.map(\.code), [.idUnexpectedType])

        // A missing comma after actorId: reported at `data` on line 5.
        for (file, offset) in [("calls-connected.js", 140), ("calls-created.js", 138), ("calls-disconnected.js", 143)] {
            let text = try docSample(file)
            assertThrowsLibraryError(try Event.parse(text, literal: true)) { e in
                XCTAssertEqual(e.status, .syntax, file)
                XCTAssertEqual(e.status.name, "SWE_ERROR_SYNTAX", file)
                XCTAssertEqual(e.line, 5, file)
                XCTAssertEqual(e.column, 3, file)
                XCTAssertEqual(e.path, "actorId", file)
                XCTAssertEqual(e.offset, offset, file)
                XCTAssertEqual(e.offset, byteOffset(of: "data:", in: text), file)
                XCTAssertEqual(e.message, "expected ',' or '}' after a member, found `data`", file)
            }
        }
        // The opening brace is missing.
        assertThrowsLibraryError(try Event.parse(try docSample("rooms-read.js"), literal: true)) { e in
            XCTAssertEqual(e.status, .syntax)
            XCTAssertEqual(e.line, 1)
            XCTAssertEqual(e.column, 3)
            XCTAssertEqual(e.offset, 2)
            XCTAssertEqual(e.path, "")
            XCTAssertEqual(e.message, "expected '{' at the start of the event, found `resource`")
            XCTAssertEqual(e.description, "SWE_ERROR_SYNTAX at line 1, column 3: expected '{' at the start of the event, found `resource`")
        }
        // Strict JSON refuses the literal syntax at the first unquoted key.
        assertThrowsLibraryError(try Event.parse(try docSample("messages-created.js"))) { e in
            XCTAssertEqual(e.status, .syntax)
            XCTAssertEqual(e.line, 2)
            XCTAssertEqual(e.column, 3)
        }
    }

    func testShapeErrors() {
        assertThrowsLibraryError(try Event.parse(#"{"resource":"messages","event":"created","data":{"roomType":5}}"#)) { e in
            XCTAssertEqual(e.status, .wrongType)
            XCTAssertEqual(e.status.name, "SWE_ERROR_WRONG_TYPE")
            XCTAssertEqual(e.path, "data.roomType")
            XCTAssertEqual([e.offset, e.line, e.column], [60, 1, 61])
            XCTAssertEqual(e.message, "expected a string, found `5`")
        }
        assertThrowsLibraryError(try Event.parse(#"{"resource":"messages","event":"created"}"#)) { e in
            XCTAssertEqual(e.status, .missingField)
            XCTAssertEqual(e.path, "data")
            XCTAssertEqual(e.message, "messages:created has no `data`")
        }
        assertThrowsLibraryError(try Event.parse(#"{"resource":"messages","event":"created","data":{"id":"a","id":"b"}}"#)) { e in
            XCTAssertEqual(e.status, .duplicateKey)
            XCTAssertEqual(e.path, "data.id")
            XCTAssertEqual([e.line, e.column], [1, 59])
        }
        assertThrowsLibraryError(try Event.parse(#"{"resource":"rooms","event":"read","data":{"#)) { e in
            XCTAssertEqual(e.status, .truncated)
            XCTAssertEqual(e.path, "data")
        }
        assertThrowsLibraryError(try Event.parse("")) { e in
            XCTAssertEqual(e.status, .truncated)
        }
        // Columns count Unicode scalars, offsets bytes.
        assertThrowsLibraryError(try Event.parse("{\"resource\":\"é\",\"event\":\"x\",\"data\":{},}")) { e in
            XCTAssertEqual(e.status, .syntax)
            XCTAssertEqual(e.column, 39)
            XCTAssertEqual(e.offset, 39)
        }
    }

    func testInvalidUTF8AndOptions() throws {
        var bytes = Array(#"{"resource":"rooms","event":"read","data":{"title":"x"}}"#.utf8)
        bytes[bytes.count - 4] = 0xFF
        assertThrowsLibraryError(try Event.parse(bytes: bytes)) { e in
            XCTAssertEqual(e.status, .invalidUTF8)
            XCTAssertEqual(e.offset, bytes.count - 4)
        }
        let deep = #"{"resource":"x","event":"y","data":{"a":[[[[1]]]]}}"#
        XCTAssertNoThrow(try Event.parse(deep))
        assertThrowsLibraryError(try Event.parse(deep, options: ParseOptions(maxDepth: 4))) { e in
            XCTAssertEqual(e.status, .tooDeep)
        }
        assertThrowsLibraryError(try Event.parse(deep, options: ParseOptions(maxInputBytes: 10))) { e in
            XCTAssertEqual(e.status, .inputTooLarge)
        }
        assertThrowsLibraryError(try Event.parse(deep, options: ParseOptions(maxDepth: 0))) { e in
            XCTAssertEqual(e.status, .invalidArgument)
        }
        // Warnings as errors: the first warning fails the parse, with its path and position.
        let text = try event("widget-space.rooms-read.docs.json")
        assertThrowsLibraryError(try Event.parse(text, options: ParseOptions(warningsAsErrors: true))) { e in
            XCTAssertEqual(e.status, .validation)
            XCTAssertEqual(e.path, "data.teamId")
            XCTAssertEqual(e.offset, 379)
            XCTAssertEqual(e.message, "expected a TEAM id, found a ROOM id")
        }
    }

    func testStatusNamesAndVersion() {
        XCTAssertEqual(Status.ok.name, "SWE_OK")
        XCTAssertEqual(Status.listener.name, "SWE_ERROR_LISTENER")
        XCTAssertEqual(Status.notFound.rawValue, -31)
        XCTAssertEqual(Status(rawValue: -999).name, "SWE_ERROR_UNKNOWN")
        XCTAssertEqual(Library.abiVersion, 1)
        XCTAssertEqual(Library.version, "0.1.0")
        XCTAssertEqual(Library.headerVersion, "0.1.0")
    }
}
