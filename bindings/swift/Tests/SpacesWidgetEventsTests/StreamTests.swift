import Foundation
import XCTest

@testable import SpacesWidgetEvents

private struct Refused: Error, Equatable {
    let line: String
}

private struct Stop: Error, Equatable {}

private let readLine = #"{"resource":"rooms","event":"read","data":{"id":"r","title":"t","type":"group"}}"#
private let callLine = #"{"resource":"calls","event":"created","data":{"roomId":"r","call":"[Call Object]"}}"#

final class StreamTests: XCTestCase {
    func testSampleStreamInChunksOfAnySize() throws {
        let bytes = Array(try fixture("examples/data/events.ndjson").utf8)
        for size in [1, 2, 7, 64, 4096, bytes.count] {
            let emitter = try Emitter()
            let stream = try EventStream()
            let jsonBytes = Counter(), events = Counter()
            try emitter.onJSON("*") { _, json in
                events.increment()
                for _ in 0..<json.utf8.count { jsonBytes.increment() }
            }
            let bad = Recorder()
            var start = 0
            while start < bytes.count {
                let end = min(start + size, bytes.count)
                try stream.feed(bytes[start..<end], to: emitter) { error in
                    bad.add("\(error.line):\(error.column):\(error.status.name):\(error.path)")
                }
                start = end
            }
            try stream.finish(to: emitter)
            XCTAssertEqual(events.value, 25, "chunks of \(size)")
            XCTAssertEqual(jsonBytes.value, 11338, "chunks of \(size)")
            XCTAssertEqual(bad.all, ["25:128:SWE_ERROR_TRUNCATED:data"], "chunks of \(size)")
            let stats = stream.stats
            XCTAssertEqual(stats.events, 25)
            XCTAssertEqual(stats.errors, 1)
            XCTAssertEqual(stats.nextLine, 27)
            XCTAssertEqual(stats.buffered, 0)
        }
    }

    func testUTF8SplitAcrossChunksLineNumbersAndLastLine() throws {
        let emitter = try Emitter()
        let stream = try EventStream()
        let texts = Recorder()
        try emitter.on("messages:created") { parsed in
            if case .messageCreated(let m) = parsed.event { texts.add(m.text ?? "-") }
        }
        let text = "\r\n\n" + #"{"resource":"messages","event":"created","data":{"roomType":"group","text":"café ☕"}}"# + "\r\n"
            + "{oops}\n" + #"{"resource":"messages","event":"created","data":{"roomType":"group","text":"last"}}"#
        let errors = Recorder()
        for byte in Array(text.utf8) {
            try stream.feed([byte], to: emitter) { errors.add("line \($0.line) column \($0.column): \($0.status.name)") }
        }
        XCTAssertEqual(texts.all, ["café ☕"])
        XCTAssertEqual(errors.all, ["line 4 column 2: SWE_ERROR_SYNTAX"])
        XCTAssertGreaterThan(stream.stats.buffered, 0, "the last line waits for its newline")
        try stream.finish(to: emitter)
        XCTAssertEqual(texts.all, ["café ☕", "last"])
        XCTAssertEqual(stream.stats.events, 2)
        XCTAssertEqual(stream.stats.errors, 1)
    }

    func testListenerRefusalGoesToTheHandlerAndTheStreamGoesOn() throws {
        let emitter = try Emitter()
        let stream = try EventStream()
        let delivered = Recorder()
        try emitter.on("rooms:read") { _ in throw Refused(line: "read") }
        try emitter.on("*") { delivered.add($0.name) }
        let refusals = Recorder()
        try stream.feed(readLine + "\n" + callLine + "\n", to: emitter) { error in
            XCTAssertEqual(error.status, .listener)
            XCTAssertEqual(error.listenerError as? Refused, Refused(line: "read"))
            refusals.add(error.status.name)
        }
        XCTAssertEqual(refusals.all, ["SWE_ERROR_LISTENER"])
        XCTAssertEqual(delivered.all, ["calls:created"])
        XCTAssertEqual(stream.stats.events, 1)
        XCTAssertEqual(stream.stats.errors, 1)

        // Without a handler the refusal is only counted.
        try stream.feed(readLine + "\n", to: emitter)
        XCTAssertEqual(stream.stats.errors, 2)
    }

    func testThrowingHandlerStopsTheFeedAndKeepsTheRest() throws {
        let emitter = try Emitter()
        let stream = try EventStream()
        let names = Recorder()
        try emitter.on("*") { names.add($0.name) }
        let input = readLine + "\n" + "not json\n" + callLine + "\n"
        XCTAssertThrowsError(try stream.feed(input, to: emitter) { _ in throw Stop() }) { error in
            XCTAssertEqual(error as? Stop, Stop())
        }
        XCTAssertEqual(names.all, ["rooms:read"])
        XCTAssertEqual(stream.stats.nextLine, 3)
        // The unread bytes are read first by the next call.
        try stream.feed("", to: emitter)
        XCTAssertEqual(names.all, ["rooms:read", "calls:created"])
        XCTAssertEqual(stream.stats.events, 2)
        XCTAssertEqual(stream.stats.errors, 1)
    }

    func testStreamOptions() throws {
        let emitter = try Emitter()
        let count = Counter()
        try emitter.on("*") { _ in count.increment() }
        let literal = try EventStream(options: ParseOptions(syntax: .literal))
        try literal.feed("{resource: 'rooms', event: 'read', data: {id: 'r'}}\n", to: emitter)
        XCTAssertEqual(count.value, 1)
        let small = try EventStream(options: ParseOptions(maxInputBytes: 20))
        let errors = Recorder()
        try small.feed(readLine + "\n" + "{}\n", to: emitter) { errors.add($0.status.name) }
        XCTAssertEqual(errors.all, ["SWE_ERROR_INPUT_TOO_LARGE", "SWE_ERROR_MISSING_FIELD"])
        XCTAssertEqual(count.value, 1)
    }
}
