// swift-tools-version:5.9
//
// The Swift conformance runner: checks every case of tests/conformance/cases/*.json through the
// SpacesWidgetEvents package (bindings/swift, by path). Run by scripts/test-conformance.sh; by
// hand, from the repository root:
//
//   scripts/swift-env.sh run "$PWD" -- swift run --package-path tests/conformance/runner_swift swe-conformance
import PackageDescription

let package = Package(
    name: "swe-conformance",
    dependencies: [
        .package(name: "SpacesWidgetEvents", path: "../../../bindings/swift"),
    ],
    targets: [
        .executableTarget(
            name: "swe-conformance",
            dependencies: [.product(name: "SpacesWidgetEvents", package: "SpacesWidgetEvents")]
        ),
    ]
)
