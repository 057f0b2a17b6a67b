import CSpacesWidgetEvents

/// A decoded Webex id: the unpadded base64url encoding of
/// `ciscospark://<cluster>/<TYPE>/<local id>`. Decoded by the library (`swe_id_*`); the parts
/// are copied into Swift strings.
///
/// Two ids are equal when they name the same object: same type and same local id, whatever
/// their clusters (the widget writes `us` where the REST API writes the real cluster) and
/// whatever their encodings (as `swe_id_equal`).
public struct WebexId: Hashable, Sendable, CustomStringConvertible {
    /// The decoded URI, e.g. `ciscospark://us/PEOPLE/1f7de5cb-...`.
    public let uri: String
    /// The cluster, e.g. `us` or `urn:TEAM:eu-central-1_k`.
    public let cluster: String
    /// The object type, e.g. `PEOPLE`, `ROOM`; unknown types are kept as they are.
    public let type: String
    /// The local id, usually a UUID (`<uuid>:<uuid>` for memberships, and so on).
    public let localId: String
    /// Whether the text it was parsed from was the canonical encoding (unpadded base64url
    /// with zero trailing bits).
    public let wasCanonical: Bool
    /// The canonical encoding: unpadded base64url.
    public let encoded: String

    /// Decodes an id: base64url or standard base64, padded or not, with or without non-zero
    /// trailing bits. Throws `.invalidValue` when the text is not base64 or does not decode to
    /// a `ciscospark://<cluster>/<TYPE>/<local id>` URI.
    public init(parsing text: String) throws {
        try checkABI()
        var handle: OpaquePointer? = nil
        try withText(text) { ptr, len in
            try check { swe_id_parse(ptr, len, &handle, $0) }
        }
        defer { swe_id_free(handle) }
        uri = string(swe_id_uri(handle)) ?? ""
        cluster = string(swe_id_cluster(handle)) ?? ""
        type = string(swe_id_type(handle)) ?? ""
        localId = string(swe_id_local_id(handle)) ?? ""
        wasCanonical = swe_id_was_canonical(handle)
        var out: UnsafeMutablePointer<CChar>? = nil
        var len = 0
        try check { swe_id_encode(handle, &out, &len, $0) }
        defer { swe_string_free(out) }
        encoded = out.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: len), as: UTF8.self) } ?? ""
    }

    /// The id of `ciscospark://<cluster>/<type>/<localId>`. Throws `.invalidValue` when a part
    /// is empty or `cluster` or `type` holds a `/`.
    public init(cluster: String, type: String, localId: String) throws {
        guard !cluster.isEmpty, !type.isEmpty, !localId.isEmpty,
              !cluster.contains("/"), !type.contains("/")
        else {
            throw SpacesWidgetEventsError(
                status: .invalidValue,
                message: "not a Webex id: not a ciscospark://<cluster>/<TYPE>/<local id> URI")
        }
        try self.init(parsing: Self.base64url(Array("ciscospark://\(cluster)/\(type)/\(localId)".utf8)))
    }

    public var description: String { encoded }

    public static func == (a: WebexId, b: WebexId) -> Bool {
        a.type == b.type && a.localId == b.localId
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(localId)
    }

    /// Unpadded base64url, to hand a built URI to the library's decoder.
    private static func base64url(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            var block = UInt32(bytes[i]) << 16
            if n > 1 { block |= UInt32(bytes[i + 1]) << 8 }
            if n > 2 { block |= UInt32(bytes[i + 2]) }
            for k in 0...n { out.append(alphabet[Int((block >> UInt32(18 - 6 * k)) & 63)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
