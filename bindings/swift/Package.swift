// swift-tools-version:5.9
//
// SpacesWidgetEvents: Swift binding over the C ABI of libspaces_widget_events.
//
// The Rust library is linked from $SWE_SWIFT_LIB_DIR (pass it into the chroot with
// SWE_SWIFT_PASSENV=SWE_SWIFT_LIB_DIR), or by default from <repo>/build/swift-lib, which
// scripts/test-swift.sh fills with libspaces_widget_events.a alone, so that it links
// statically (with the .so beside it, -l would pick the .so). A directory holding only the
// .so links it dynamically, found at run time through the rpath. See README.md.
import PackageDescription

let repoRoot = Context.packageDirectory + "/../.."
let libDir = Context.environment["SWE_SWIFT_LIB_DIR"] ?? (repoRoot + "/build/swift-lib")

let package = Package(
    name: "SpacesWidgetEvents",
    products: [
        .library(name: "SpacesWidgetEvents", targets: ["SpacesWidgetEvents"]),
    ],
    targets: [
        // Module map over include/spaces_widget_events.h (referenced in place, not copied);
        // it links -lspaces_widget_events.
        .systemLibrary(name: "CSpacesWidgetEvents", path: "Sources/CSpacesWidgetEvents"),
        .target(
            name: "SpacesWidgetEvents",
            dependencies: ["CSpacesWidgetEvents"],
            linkerSettings: [
                .unsafeFlags(["-L" + libDir, "-Xlinker", "-rpath", "-Xlinker", libDir]),
                // What a Rust staticlib needs from the system on Linux.
                .linkedLibrary("pthread", .when(platforms: [.linux])),
                .linkedLibrary("dl", .when(platforms: [.linux])),
                .linkedLibrary("m", .when(platforms: [.linux])),
            ]
        ),
        .testTarget(
            name: "SpacesWidgetEventsTests",
            dependencies: ["SpacesWidgetEvents"]
        ),
    ]
)
