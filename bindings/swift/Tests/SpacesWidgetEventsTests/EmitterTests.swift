import Dispatch
import Foundation
import XCTest

@testable import SpacesWidgetEvents

private struct Boom: Error, Equatable {
    let n: Int
}

private let messageJSON = #"{"resource":"messages","event":"created","data":{"id":"m","roomId":"r","roomType":"group","text":"hello"}}"#
private let readJSON = #"{"resource":"rooms","event":"read","data":{"id":"r","title":"t","type":"group"}}"#
private let callJSON = #"{"resource":"calls","event":"created","data":{"roomId":"r","call":"[Call Object]"}}"#
private let oldReadJSON = #"{"resource":"spaces","event":"read","data":{"id":"r"}}"#

final class EmitterTests: XCTestCase {
    func testPatternsOrderAndCounts() throws {
        let emitter = try Emitter()
        let seen = Recorder()
        try emitter.on("messages:created") { seen.add("exact:" + $0.name) }
        try emitter.on("messages:*") { seen.add("resource:" + $0.name) }
        try emitter.on("*:read") { seen.add("event:" + $0.name) }
        try emitter.on("*") { seen.add("all:" + $0.name) }
        try emitter.on("rooms:read") { seen.add("rooms:read:" + $0.name) }

        XCTAssertEqual(try emitter.emitJSON(messageJSON), 3)
        XCTAssertEqual(try emitter.emitJSON(readJSON), 3)
        XCTAssertEqual(try emitter.emitJSON(callJSON), 1)
        // A known name also matches its old names.
        XCTAssertEqual(try emitter.emitJSON(oldReadJSON), 3)
        XCTAssertEqual(seen.all, [
            "exact:messages:created", "resource:messages:created", "all:messages:created",
            "event:rooms:read", "all:rooms:read", "rooms:read:rooms:read",
            "all:calls:created",
            "event:spaces:read", "all:spaces:read", "rooms:read:spaces:read",
        ])
    }

    func testTypedAndJSONDelivery() throws {
        let emitter = try Emitter()
        let seen = Recorder()
        try emitter.on("messages:created") { parsed in
            guard case .messageCreated(let m) = parsed.event else { return seen.add("wrong") }
            seen.add("typed:\(m.text ?? "-"):\(m.roomType)")
        }
        try emitter.onJSON("*") { name, json in seen.add("json:\(name):\(json)") }
        let parsed = try Event.parse(messageJSON)
        XCTAssertEqual(try emitter.emit(parsed), 2)
        XCTAssertEqual(seen.all, ["typed:hello:group", "json:messages:created:\(messageJSON)"])
    }

    func testParsedEventOutlivesTheListenerCall() throws {
        let emitter = try Emitter()
        final class Keep: @unchecked Sendable { var event: ParsedEvent? }
        let keep = Keep()
        try emitter.on("*") { keep.event = $0 }
        try emitter.emitJSON(readJSON)
        let kept = try XCTUnwrap(keep.event)
        XCTAssertEqual(try kept.toJSON(), readJSON)
        guard case .roomRead(let r) = kept.event else { return XCTFail("\(kept.event)") }
        XCTAssertEqual(r.title, "t")
    }

    func testListenerErrorStopsDeliveryAndIsRethrown() throws {
        let emitter = try Emitter()
        let seen = Recorder()
        try emitter.on("*") { _ in seen.add("a") }
        try emitter.on("*") { _ in throw Boom(n: 7) }
        try emitter.on("*") { _ in seen.add("c") }
        XCTAssertThrowsError(try emitter.emitJSON(messageJSON)) { error in
            XCTAssertEqual(error as? Boom, Boom(n: 7))
        }
        XCTAssertEqual(seen.all, ["a"])

        // The same through emit(_:) and a JSON listener.
        let other = try Emitter()
        try other.onJSON("rooms:*") { name, _ in throw Boom(n: name.count) }
        XCTAssertThrowsError(try other.emit(try Event.parse(readJSON))) { error in
            XCTAssertEqual(error as? Boom, Boom(n: "rooms:read".count))
        }
        // Nothing is left behind: the next emit without a match succeeds.
        XCTAssertEqual(try other.emitJSON(messageJSON), 0)
    }

    func testParseErrorFromEmitJSONRunsNoListener() throws {
        let emitter = try Emitter()
        let calls = Counter()
        try emitter.on("*") { _ in calls.increment() }
        assertThrowsLibraryError(try emitter.emitJSON(#"{"resource":"rooms","event":"read","data":{"#)) { e in
            XCTAssertEqual(e.status, .truncated)
            XCTAssertEqual(e.line, 1)
            XCTAssertEqual(e.column, 44)
            XCTAssertEqual(e.offset, 43)
            XCTAssertEqual(e.path, "data")
        }
        assertThrowsLibraryError(try emitter.emitJSON(bytes: [0x7B, 0xFF])) { e in
            XCTAssertEqual(e.status, .invalidUTF8)
        }
        // Literal syntax on request.
        XCTAssertEqual(try emitter.emitJSON("{resource: 'rooms', event: 'read', data: {id: 'r',},}",
                                            options: ParseOptions(syntax: .literal)), 1)
        XCTAssertEqual(calls.value, 1)
    }

    func testBadPatternAndUnknownId() throws {
        let emitter = try Emitter()
        let deinits = Counter()
        do {
            let token = Token(deinits)
            assertThrowsLibraryError(try emitter.on("messages:cre*ted") { _ in token.touch() }) { e in
                XCTAssertEqual(e.status, .invalidArgument)
            }
        }
        // A failed subscription gives the closure back at once.
        XCTAssertEqual(deinits.value, 1)
        assertThrowsLibraryError(try emitter.off(12345)) { e in
            XCTAssertEqual(e.status, .notFound)
        }
        let id = try emitter.on("*") { _ in }
        try emitter.off(id)
        assertThrowsLibraryError(try emitter.off(id)) { e in
            XCTAssertEqual(e.status, .notFound)
        }
    }

    func testClosureReleasedExactlyOnceAfterOff() throws {
        let emitter = try Emitter()
        let deinits = Counter()
        weak var weakToken: Token?
        var id: UInt64 = 0
        do {
            let token = Token(deinits)
            weakToken = token
            id = try emitter.on("*") { _ in token.touch() }
        }
        XCTAssertNotNil(weakToken, "the emitter keeps the closure alive")
        XCTAssertEqual(try emitter.emitJSON(readJSON), 1)
        XCTAssertNotNil(weakToken)
        try emitter.off(id)
        XCTAssertNil(weakToken, "released by off")
        XCTAssertEqual(deinits.value, 1)
        XCTAssertEqual(try emitter.emitJSON(readJSON), 0)
        XCTAssertEqual(deinits.value, 1)
    }

    func testClosuresReleasedWhenEmitterGoesAway() throws {
        let deinits = Counter()
        weak var weakA: Token?
        weak var weakB: Token?
        do {
            let emitter = try Emitter()
            let a = Token(deinits)
            let b = Token(deinits)
            weakA = a
            weakB = b
            try emitter.on("*") { _ in a.touch() }
            try emitter.onJSON("rooms:*") { _, _ in b.touch() }
            try emitter.emitJSON(readJSON)
            XCTAssertEqual(deinits.value, 0)
        }
        XCTAssertNil(weakA)
        XCTAssertNil(weakB)
        XCTAssertEqual(deinits.value, 2)
    }

    func testUnsubscribeFromInsideTheListener() throws {
        let emitter = try Emitter()
        let seen = Recorder()
        let deinits = Counter()
        let box = IdBox()
        weak var weakToken: Token?
        do {
            let token = Token(deinits)
            weakToken = token
            box.id = try emitter.on("*") { [unowned emitter] parsed in
                token.touch()
                seen.add("once:" + parsed.name)
                try emitter.off(box.id)
                // Still running: the closure (and what it holds) stays alive until it returns.
                XCTAssertEqual(deinits.value, 0)
            }
        }
        try emitter.on("*") { seen.add("always:" + $0.name) }
        XCTAssertEqual(try emitter.emitJSON(readJSON), 2)
        XCTAssertNil(weakToken, "released once the call that unsubscribed returned")
        XCTAssertEqual(deinits.value, 1)
        XCTAssertEqual(try emitter.emitJSON(callJSON), 1)
        XCTAssertEqual(seen.all, ["once:rooms:read", "always:rooms:read", "always:calls:created"])
    }

    func testUnsubscribeAnotherListenerAndEmitFromInsideAListener() throws {
        let emitter = try Emitter()
        let seen = Recorder()
        let box = IdBox()
        try emitter.on("rooms:read") { [unowned emitter] _ in
            seen.add("first")
            try emitter.off(box.id) // the next listener must not run for this event
            try emitter.emitJSON(callJSON) // re-entrant emit on the same thread
        }
        box.id = try emitter.on("rooms:read") { _ in seen.add("second") }
        try emitter.on("calls:created") { _ in seen.add("call") }
        XCTAssertEqual(try emitter.emitJSON(readJSON), 1)
        XCTAssertEqual(seen.all, ["first", "call"])
    }

    func testConcurrentEmitExactCounts() throws {
        let emitter = try Emitter()
        let all = Counter(), messages = Counter(), reads = Counter(), json = Counter()
        try emitter.on("*") { _ in all.increment() }
        try emitter.on("messages:*") { parsed in
            guard case .messageCreated(let m) = parsed.event, m.text == "hello" else { return }
            messages.increment()
        }
        try emitter.on("*:read") { _ in reads.increment() }
        try emitter.onJSON("calls:created") { _, text in if text == callJSON { json.increment() } }

        let threads = 8, perThread = 250
        let delivered = Counter()
        let failures = Recorder()
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<perThread {
                let text = [messageJSON, readJSON, callJSON, oldReadJSON][(t + i) % 4]
                do {
                    let n = try emitter.emitJSON(text)
                    for _ in 0..<n { delivered.increment() }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        let total = threads * perThread // 2000, a quarter of each text
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(all.value, total)
        XCTAssertEqual(messages.value, total / 4)
        XCTAssertEqual(reads.value, total / 2) // rooms:read and spaces:read
        XCTAssertEqual(json.value, total / 4)
        XCTAssertEqual(delivered.value, total + total / 4 + total / 2 + total / 4)
    }

    func testConcurrentListenerErrorsGoBackToTheirOwnEmit() throws {
        let emitter = try Emitter()
        try emitter.on("messages:created") { parsed in
            guard case .messageCreated(let m) = parsed.event else { return }
            throw Boom(n: Int(m.text ?? "") ?? -1)
        }
        let mismatches = Counter(), caught = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<100 {
                let n = t * 1000 + i
                let text = #"{"resource":"messages","event":"created","data":{"roomType":"group","text":"\#(n)"}}"#
                do {
                    try emitter.emitJSON(text)
                    mismatches.increment()
                } catch let boom as Boom {
                    caught.increment()
                    if boom.n != n { mismatches.increment() }
                } catch {
                    mismatches.increment()
                }
            }
        }
        XCTAssertEqual(caught.value, 800)
        XCTAssertEqual(mismatches.value, 0)
    }

    func testConcurrentSubscribeUnsubscribeWhileEmitting() throws {
        let emitter = try Emitter()
        let steady = Counter()
        try emitter.on("*") { _ in steady.increment() }
        let deinits = Counter()
        let created = Counter()
        let failures = Recorder()
        DispatchQueue.concurrentPerform(iterations: 6) { t in
            for i in 0..<100 {
                do {
                    if t % 2 == 0 {
                        let token = Token(deinits)
                        created.increment()
                        let id = try emitter.on(i % 2 == 0 ? "*" : "rooms:read") { _ in token.touch() }
                        try emitter.emitJSON(readJSON)
                        try emitter.off(id)
                    } else {
                        try emitter.emitJSON(i % 2 == 0 ? readJSON : callJSON)
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(steady.value, 600)
        // Every transient closure was released exactly once (an extra release would crash).
        XCTAssertEqual(created.value, 300)
        XCTAssertEqual(deinits.value, 300)
    }
}
