#!/usr/bin/env python3
"""Benchmark driver: builds every contender, times it, counts its instructions, prints a table.

    python3 benches/run.py                 build all, 5 runs x 5 repeats, callgrind, table
    python3 benches/run.py --list          the registered contenders
    python3 benches/run.py --only cjson --only simdjson --runs 5
    python3 benches/run.py --markdown --json target/bench/results.json

Every contender is a program with one contract (benches/anchors/common/bench_common.h states
it): `PROGRAM <corpus.ndjson> [repeats]` reads the whole corpus first, times each repeat of its
processing loop on a monotonic clock and prints one `key=value` line with at least `events=`
and `median_events_per_sec=`. For instructions per event, callgrind runs it once over the first
--callgrind-events lines and counts only the processing loop: the program either brackets the
loop with CALLGRIND_START/STOP_INSTRUMENTATION (CLIENT_REQUESTS) or keeps it in one
out-of-line function with a known symbol (toggle_collect("symbol")).

To add a contender, append a Contender to CONTENDERS below. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits beside the repository, for developers and for CI alike.
DEFAULT_GENERATOR = ROOT.parent / "shared" / "bench" / "gen_widget_corpus.py"

# Valgrind options that make callgrind count only the processing loop.
CLIENT_REQUESTS = ("--instr-atstart=no",)


def toggle_collect(symbol: str) -> tuple[str, ...]:
    """Count only while `symbol` (an unmangled, out-of-line function) is on the stack."""
    return ("--collect-atstart=no", f"--toggle-collect={symbol}")


@dataclasses.dataclass(frozen=True)
class Contender:
    """One row of the table.

    build: shell commands run in order from the repository root; run: the program's argv
    (split like a shell would, no shell involved). Both are formatted with {root}, {build}
    (the build folder), {cc}, {cxx}, {cflags}, {cxxflags}; run also gets {corpus} and {repeats}.
    """

    name: str
    build: tuple[str, ...]
    run: str
    callgrind: tuple[str, ...] = CLIENT_REQUESTS
    # Label of the ratio columns when this contender is an anchor the others are compared to.
    anchor: str | None = None
    # Computes the checksum defined in bench_common.h, so it must agree with the other ones.
    checksum: bool = True


C_FLAGS = "-O2 -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L"
CXX_FLAGS = "-O2 -std=c++17 -Wall -Wextra"

CONTENDERS: list[Contender] = [
    Contender(
        name="serde_json typed (Rust)",
        build=(
            (
                "cargo build --quiet --release"
                " --manifest-path benches/anchors/serde-typed/Cargo.toml"
                " --target-dir {build}/cargo"
            ),
        ),
        run="{build}/cargo/release/serde-typed-anchor {corpus} {repeats}",
        callgrind=toggle_collect("process_events"),
        anchor="serde",
    ),
    Contender(
        name="cJSON (C)",
        build=(
            "{cc} {cflags} benches/anchors/cjson/cjson_anchor.c -o {build}/bin/cjson_anchor -lcjson",
        ),
        run="{build}/bin/cjson_anchor {corpus} {repeats}",
        anchor="cJSON",
    ),
    Contender(
        name="simdjson DOM (C++)",
        build=(
            (
                "{cxx} {cxxflags} $(pkg-config --cflags simdjson)"
                " benches/anchors/simdjson/simdjson_anchor.cpp"
                " -o {build}/bin/simdjson_anchor $(pkg-config --libs simdjson)"
            ),
        ),
        run="{build}/bin/simdjson_anchor {corpus} {repeats}",
        anchor="simdjson",
    ),
    Contender(
        name="bytes: memchr newline (C)",
        build=("{cc} {cflags} benches/anchors/bytes/bytes_anchor.c -o {build}/bin/bytes_anchor",),
        run="{build}/bin/bytes_anchor memchr {corpus} {repeats}",
        checksum=False,
    ),
    Contender(
        name="bytes: scalar sum (C)",
        build=("{cc} {cflags} benches/anchors/bytes/bytes_anchor.c -o {build}/bin/bytes_anchor",),
        run="{build}/bin/bytes_anchor sum {corpus} {repeats}",
        checksum=False,
    ),
    Contender(
        name="this library, C ABI, struct views",
        build=(
            "cargo build --quiet --release --lib",
            (
                "{cc} {cflags} -Iinclude benches/programs/swe_c_abi.c -o {build}/bin/swe_c_abi"
                " target/release/libspaces_widget_events.a -lpthread -ldl -lm"
            ),
        ),
        run="{build}/bin/swe_c_abi views {corpus} {repeats}",
    ),
    Contender(
        name="this library, C ABI, JSON text",
        build=(
            "cargo build --quiet --release --lib",
            (
                "{cc} {cflags} -Iinclude benches/programs/swe_c_abi.c -o {build}/bin/swe_c_abi"
                " target/release/libspaces_widget_events.a -lpthread -ldl -lm"
            ),
        ),
        run="{build}/bin/swe_c_abi json {corpus} {repeats}",
        checksum=False,
    ),
    # Still to come: the Rust API in-process and the chunk-fed stream (whose peak RSS the
    # table's column shows). benches/README.md shows how to add an entry.
]


@dataclasses.dataclass
class Finished:
    """What one process run left behind."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_kib: int


@dataclasses.dataclass
class Row:
    contender: Contender
    failure: str | None = None
    rates: list[float] = dataclasses.field(default_factory=list)
    best_rate: float = 0.0
    max_rss_kib: int = 0
    checksum: str | None = None
    errors: str | None = None
    extra: dict[str, str] = dataclasses.field(default_factory=dict)
    instructions_per_event: float | None = None

    @property
    def rate(self) -> float | None:
        return statistics.median(self.rates) if self.rates else None

    @property
    def spread(self) -> float | None:
        """(max - min) / median of the per-run medians: how much to trust the rate."""
        if len(self.rates) < 2:
            return None
        return (max(self.rates) - min(self.rates)) / statistics.median(self.rates)


def gnu_time() -> str | None:
    """GNU time (Debian package `time`), if it is there and takes -f/-o."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    probe = [path, "-f", "%M", "-o", os.devnull, "true"]
    return path if subprocess.run(probe, capture_output=True, check=False).returncode == 0 else None


GNU_TIME = gnu_time()
# Without GNU time, peak RSS comes from os.wait4, whose ru_maxrss never reads below this
# driver's own RSS: Linux carries the high-water mark across the exec of a vfork'ed child.
RSS_FLOOR_NOTE = (
    None
    if GNU_TIME
    else "max RSS: GNU time missing (benches/install-deps.sh installs it), so values below "
    "the driver's own RSS (about 15 MiB) read as that"
)


def run_process(argv: list[str], measure_rss: bool = True) -> Finished:
    """Runs argv to completion, with its peak RSS in KiB (0 when not measured).

    GNU time measures a child it forks from itself (a small process), so the figure is the
    program's own; os.wait4 is the fallback.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as rss,
    ):
        wrapped = (
            [GNU_TIME, "-f", "%M", "-o", rss.name, *argv] if measure_rss and GNU_TIME else argv
        )
        start = time.monotonic()
        try:
            proc = subprocess.Popen(
                wrapped, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=err
            )
        except OSError as error:  # not built, not executable
            return Finished(127, "", f"{argv[0]}: {error.strerror}", 0.0, 0)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # tells Popen it was reaped
        out.seek(0)
        err.seek(0)
        max_rss_kib = 0
        if measure_rss and GNU_TIME:
            # Its last line is the figure; a line about a non-zero exit may come before it.
            lines = rss.read().split()
            max_rss_kib = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        elif measure_rss:
            max_rss_kib = usage.ru_maxrss
        return Finished(
            proc.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
            seconds,
            max_rss_kib,
        )


def parse_result_line(stdout: str) -> dict[str, str]:
    """The last line holding `events=`, as a dict of its key=value pairs."""
    for line in reversed(stdout.splitlines()):
        pairs = dict(p.split("=", 1) for p in line.split() if "=" in p)
        if "events" in pairs:
            return pairs
    raise ValueError(f"no result line in output: {stdout.strip()[-200:]!r}")


def tail(text: str, lines: int = 15) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.build_dir = Path(args.build_dir).resolve()
        self.places = {
            "root": str(ROOT),
            "build": str(self.build_dir),
            "cc": os.environ.get("CC", "gcc"),
            "cxx": os.environ.get("CXX", "g++"),
            "cflags": os.environ.get("CFLAGS", C_FLAGS),
            "cxxflags": os.environ.get("CXXFLAGS", CXX_FLAGS),
        }

    def log(self, message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    # The corpus ---------------------------------------------------------------------------

    def corpus(self) -> tuple[Path, Path]:
        """The full corpus and its callgrind slice, made when missing or older than the script."""
        generator = Path(self.args.generator)
        full = self.build_dir / f"corpus-{self.args.events}.ndjson"
        if not full.exists() or (
            generator.exists() and full.stat().st_mtime < generator.stat().st_mtime
        ):
            if not generator.exists():
                sys.exit(f"corpus generator not found: {generator} (use --generator)")
            self.log(f"generating {full.relative_to(ROOT) if full.is_relative_to(ROOT) else full}")
            full.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [sys.executable, str(generator), str(self.args.events), str(full)], check=True
            )

        count = min(self.args.callgrind_events, self.args.events)
        piece = self.build_dir / f"corpus-{self.args.events}-first{count}.ndjson"
        if not piece.exists() or piece.stat().st_mtime < full.stat().st_mtime:
            with full.open("rb") as src, piece.open("wb") as dst:
                for _, line in zip(range(count), src):
                    dst.write(line)
        return full, piece

    # Build, time, count -------------------------------------------------------------------

    def build(self, row: Row) -> None:
        (self.build_dir / "bin").mkdir(parents=True, exist_ok=True)
        for step in row.contender.build:
            command = step.format(**self.places)
            done = subprocess.run(
                command, shell=True, cwd=ROOT, capture_output=True, text=True, check=False
            )
            if done.returncode != 0:
                row.failure = "build failed"
                self.log(f"  build failed: {command}\n{tail(done.stdout + done.stderr)}")
                return

    def argv(self, contender: Contender, corpus: Path, repeats: int) -> list[str]:
        places = dict(self.places, corpus=str(corpus), repeats=str(repeats))
        return [token.format(**places) for token in shlex.split(contender.run)]

    def time_once(self, row: Row, corpus: Path) -> None:
        finished = run_process(self.argv(row.contender, corpus, self.args.repeats))
        if finished.returncode != 0:
            row.failure = f"exit {finished.returncode}"
            self.log(
                f"  {row.contender.name}: exit {finished.returncode}\n"
                f"{tail(finished.stdout + finished.stderr)}"
            )
            return
        try:
            result = parse_result_line(finished.stdout)
            row.rates.append(float(result["median_events_per_sec"]))
            row.best_rate = max(row.best_rate, float(result.get("best_events_per_sec", 0)))
        except (ValueError, KeyError) as err:
            row.failure = "bad output"
            self.log(f"  {row.contender.name}: {err}")
            return
        row.max_rss_kib = max(row.max_rss_kib, finished.max_rss_kib)
        row.checksum = result.get("checksum")
        row.errors = result.get("errors")
        row.extra = {
            k: v
            for k, v in result.items()
            if k
            not in (
                "events",
                "repeats",
                "median_events_per_sec",
                "best_events_per_sec",
                "checksum",
                "errors",
            )
        }

    def count_instructions(self, row: Row, piece: Path) -> None:
        out = self.build_dir / "callgrind" / (slug(row.contender.name) + ".out")
        out.parent.mkdir(parents=True, exist_ok=True)
        argv = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            *row.contender.callgrind,
            *self.argv(row.contender, piece, 1),
        ]
        finished = run_process(argv, measure_rss=False)
        if finished.returncode != 0:
            self.log(
                f"  {row.contender.name}: callgrind exit {finished.returncode}\n"
                f"{tail(finished.stderr)}"
            )
            return
        events = int(parse_result_line(finished.stdout)["events"])
        instructions = callgrind_total(out)
        if instructions == 0:
            self.log(
                f"  {row.contender.name}: callgrind counted nothing; the program must use "
                "CALLGRIND_START_INSTRUMENTATION or the symbol its entry names"
            )
            return
        row.instructions_per_event = instructions / events

    def measure(self, contenders: list[Contender]) -> list[Row]:
        rows = [Row(c) for c in contenders]
        full, piece = self.corpus()
        if not self.args.skip_build:
            for row in rows:
                self.log(f"building {row.contender.name}")
                self.build(row)

        # Round robin over the runs, so a burst of noise on the machine hits every row alike.
        for run in range(self.args.runs):
            self.log(f"timing run {run + 1}/{self.args.runs}")
            for row in rows:
                if row.failure is None:
                    self.time_once(row, full)

        if self.args.no_callgrind:
            return rows
        if shutil.which("valgrind") is None:
            self.log("valgrind not found (benches/install-deps.sh installs it): no instr/event")
            return rows
        for row in rows:
            if row.failure is None:
                self.log(f"callgrind {row.contender.name} ({piece.name})")
                self.count_instructions(row, piece)
        return rows


def callgrind_total(path: Path) -> int:
    """The Ir total of a callgrind output file ('totals:' sums every collected cost)."""
    for line in path.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    return 0


def slug(name: str) -> str:
    """A file name for a row: "cJSON (C)" -> "cjson-c"."""
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


# The table --------------------------------------------------------------------------------


def table(rows: list[Row]) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, cells and notes. Ratios: speed = rate / anchor's rate (above 1 is faster);
    instr = instructions / anchor's instructions (below 1 is fewer)."""
    anchors = [r for r in rows if r.contender.anchor and r.failure is None]
    header = ["contender", "events/s", "spread", "best/s", "instr/event", "max RSS"]
    header += [f"speed/{a.contender.anchor}" for a in anchors]
    header += [f"instr/{a.contender.anchor}" for a in anchors]

    def ratio(a: float | None, b: float | None) -> str:
        return f"{a / b:.2f}" if a and b else "-"

    checksums = {r.checksum for r in rows if r.contender.checksum and r.checksum}
    reference = next((r.checksum for r in anchors if r.checksum), None)
    cells, notes = [], []
    for r in rows:
        if r.failure:
            cells.append([r.contender.name, r.failure] + [""] * (len(header) - 2))
            continue
        name = r.contender.name
        if r.contender.checksum and len(checksums) > 1 and r.checksum != reference:
            name += " !"
            notes.append(
                f"! {r.contender.name}: checksum {r.checksum} differs from the "
                f"anchors' {reference}: it read different values"
            )
        if r.errors not in (None, "0"):
            notes.append(f"{r.contender.name}: {r.errors} lines failed to parse")
        row = [
            name,
            f"{r.rate:,.0f}" if r.rate else "-",
            f"±{r.spread / 2:.0%}" if r.spread is not None else "-",
            f"{r.best_rate:,.0f}" if r.best_rate else "-",
            f"{r.instructions_per_event:,.0f}" if r.instructions_per_event else "-",
            f"{r.max_rss_kib / 1024:,.1f} MiB" if r.max_rss_kib else "-",
        ]
        row += [ratio(r.rate, a.rate) for a in anchors]
        row += [ratio(r.instructions_per_event, a.instructions_per_event) for a in anchors]
        cells.append(row)
        for key, value in r.extra.items():
            notes.append(f"{r.contender.name}: {key}={value}")
    return header, cells, notes


def render(header: list[str], cells: list[list[str]], markdown: bool) -> str:
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        return ("| " + " | ".join(parts) + " |") if markdown else "  ".join(parts)

    rule = (
        [
            "| "
            + " | ".join([":" + "-" * (widths[0] - 1)] + ["-" * (w - 1) + ":" for w in widths[1:]])
            + " |"
        ]
        if markdown
        else ["  ".join("-" * w for w in widths)]
    )
    return "\n".join([line(header), *rule, *(line(r) for r in cells)])


def select(names: list[str] | None) -> list[Contender]:
    if not names:
        return list(CONTENDERS)
    wanted = [c for c in CONTENDERS if any(n.lower() in c.name.lower() for n in names)]
    if not wanted:
        sys.exit(f"no contender matches {names}; see --list")
    return wanted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="corpus size (100000)")
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="process runs per contender; the table shows their median (5)",
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="timed loops over the corpus inside each run (5)"
    )
    parser.add_argument(
        "--callgrind-events",
        type=int,
        default=10_000,
        help="events in the callgrind slice, one loop over it (10000)",
    )
    parser.add_argument("--no-callgrind", action="store_true", help="skip instructions/event")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="only contenders whose name contains NAME (repeatable)",
    )
    parser.add_argument("--skip-build", action="store_true", help="use what is already built")
    parser.add_argument(
        "--install-deps",
        action="store_true",
        help="run benches/install-deps.sh first (apt-get; needs root)",
    )
    parser.add_argument(
        "--build-dir",
        default=str(ROOT / "target" / "bench"),
        help="corpus, binaries and callgrind files (target/bench)",
    )
    parser.add_argument(
        "--generator",
        default=str(DEFAULT_GENERATOR),
        help="corpus generator script (../shared/bench/gen_widget_corpus.py)",
    )
    parser.add_argument(
        "--cpu", type=int, metavar="N", help="pin the driver, so every program, to core N"
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--list", action="store_true", help="list the contenders and exit")
    args = parser.parse_args()

    if args.list:
        for c in CONTENDERS:
            print(f"{c.name}\n    run: {c.run}")
        return 0
    if min(args.events, args.runs, args.repeats, args.callgrind_events) < 1:
        parser.error("--events, --runs, --repeats and --callgrind-events must be at least 1")
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})  # children inherit it
    if args.install_deps:
        subprocess.run(["bash", str(ROOT / "benches" / "install-deps.sh")], check=True)

    rows = Bench(args).measure(select(args.only))
    header, cells, notes = table(rows)
    print(
        f"{args.events} events, {args.runs} runs x {args.repeats} repeats; "
        f"instr/event over the first {min(args.callgrind_events, args.events)} events "
        "(callgrind, processing loop only)"
    )
    print(render(header, cells, args.markdown))
    print(
        "events/s: median over runs of each run's median repeat; spread: half the range of "
        "those medians; best/s: fastest repeat of all.\nspeed/X: events/s over X's (above 1: "
        "faster); instr/X: instructions over X's (below 1: fewer). max RSS includes the "
        "corpus when a program holds it all."
    )
    for note in notes + ([RSS_FLOOR_NOTE] if RSS_FLOOR_NOTE else []):
        print(note)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                [
                    {
                        "name": r.contender.name,
                        "failure": r.failure,
                        "events_per_sec": r.rate,
                        "runs_events_per_sec": r.rates,
                        "instructions_per_event": r.instructions_per_event,
                        "max_rss_kib": r.max_rss_kib or None,
                        "checksum": r.checksum,
                        "errors": r.errors,
                        **r.extra,
                    }
                    for r in rows
                ],
                indent=2,
            )
            + "\n"
        )
    return 1 if any(r.failure for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
