import Foundation
import XCTest

@testable import SpacesWidgetEvents

/// The repository root: this file is bindings/swift/Tests/SpacesWidgetEventsTests/Support.swift.
let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ relative: String) throws -> String {
    try String(contentsOf: repoRoot.appendingPathComponent(relative), encoding: .utf8)
}

func event(_ name: String) throws -> String { try fixture("tests/data/events/" + name) }
func docSample(_ name: String) throws -> String { try fixture("tests/data/doc-samples/" + name) }

// Ids of the samples, and what they decode to.
let personA = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xZjdkZTVjYi04NTYxLTQ2NzEtYmMwMy1iYzk3NDMxNDQ0MmQ"
let personB = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmU"
/// personB with non-zero trailing bits (the docs' `...ZWVlMmX`).
let personBNotCanonical = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mMDZkNzFhNS0wODMzLTRmYTUtYTcyYS1jYzg5YjI1ZWVlMmX"
let personC = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY"
let roomUnicorn = "Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0"
let roomAsTeam = "Y2lzY29zcGFyazovL3VzL1JPT00vNjRlNDVhZTAtYzQ2Yi0xMWU1LTlkZjktMGQ0MWUzNDIxOTcz"
let messageId = "Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk"

/// A thread-safe list of what listeners saw.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) {
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }

    var count: Int { all.count }

    func count(of item: String) -> Int { all.filter { $0 == item }.count }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0

    func increment() {
        lock.lock()
        n += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return n
    }
}

/// An object a listener closure captures, to see when (and how often) the closure is released.
final class Token: Sendable {
    let deinits: Counter
    init(_ deinits: Counter) { self.deinits = deinits }
    func touch() {}
    deinit { deinits.increment() }
}

/// A one-slot box for a subscription id set after `on` returns.
final class IdBox: @unchecked Sendable {
    var id: UInt64 = 0
}

func assertThrowsLibraryError(
    _ expression: @autoclosure () throws -> some Any, _ check: (SpacesWidgetEventsError) -> Void,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        guard let error = error as? SpacesWidgetEventsError else {
            return XCTFail("expected SpacesWidgetEventsError, got \(error)", file: file, line: line)
        }
        check(error)
    }
}
