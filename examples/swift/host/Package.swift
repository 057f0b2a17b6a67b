// swift-tools-version:5.9
//
// The Swift twin of examples/c/host.c, built on the SpacesWidgetEvents package.
//
//   swift run --package-path examples/swift/host swe-host [FILE | -]
//
// Run from the repository root (the default input is examples/data/events.ndjson).
import PackageDescription

let package = Package(
    name: "swe-host",
    dependencies: [
        .package(name: "SpacesWidgetEvents", path: "../../../bindings/swift"),
    ],
    targets: [
        .executableTarget(
            name: "swe-host",
            dependencies: [.product(name: "SpacesWidgetEvents", package: "SpacesWidgetEvents")]
        ),
    ]
)
