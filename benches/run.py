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
out-of-line function with a known symbol (toggle_collect("symbol")). For allocations per event,
memcheck counts the heap allocations of one loop over that slice minus those of a run over an
empty corpus. A streaming contender (stream=True) reads its file in chunks instead of holding
it; with --big-stream it also runs over a ~1 GB file, and the driver prints how much its peak
RSS grew over a run on 10 events.

To add a contender, append a Contender to CONTENDERS below. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import re
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

# Runs of a streaming program over the big file, and over a tiny one, for --big-stream.
BIG_STREAM_RUNS = 3

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
    # Reads its input file in chunks instead of holding it: --big-stream measures it.
    stream: bool = False


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
    Contender(
        name="this library, Rust API",
        build=(
            (
                "cargo build --quiet --release"
                " --manifest-path benches/programs/swe-rust/Cargo.toml"
                " --target-dir {build}/cargo"
            ),
        ),
        run="{build}/cargo/release/swe-rust-bench {corpus} {repeats}",
        callgrind=toggle_collect("process_events"),
    ),
    Contender(
        name="this library, C ABI, chunk-fed stream",
        build=(
            "cargo build --quiet --release --lib",
            (
                "{cc} {cflags} -Iinclude benches/programs/swe_c_stream.c"
                " -o {build}/bin/swe_c_stream"
                " target/release/libspaces_widget_events.a -lpthread -ldl -lm"
            ),
        ),
        run="{build}/bin/swe_c_stream {corpus} {repeats}",
        stream=True,
    ),
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
    allocations_per_event: float | None = None

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

        return full, self.slice(full, min(self.args.callgrind_events, self.args.events))

    def slice(self, full: Path, count: int) -> Path:
        """The first `count` lines of the corpus (made when missing or older than it)."""
        piece = self.build_dir / f"corpus-{self.args.events}-first{count}.ndjson"
        if not piece.exists() or piece.stat().st_mtime < full.stat().st_mtime:
            with full.open("rb") as src, piece.open("wb") as dst:
                for _, line in zip(range(count), src):
                    dst.write(line)
        return piece

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

    def count_allocations(self, row: Row, piece: Path, empty: Path) -> None:
        """Heap allocations per event: memcheck's count over the slice minus over no events,
        one loop each, so setup and teardown cancel out."""
        counts = []
        for corpus in (piece, empty):
            argv = [
                "valgrind",
                "--tool=memcheck",
                "--leak-check=no",
                *self.argv(row.contender, corpus, 1),
            ]
            finished = run_process(argv, measure_rss=False)
            match = re.search(r"total heap usage: ([\d,]+) allocs", finished.stderr)
            if finished.returncode != 0 or match is None:
                self.log(
                    f"  {row.contender.name}: memcheck exit {finished.returncode}\n"
                    f"{tail(finished.stderr)}"
                )
                return
            events = int(parse_result_line(finished.stdout)["events"])
            counts.append((events, int(match.group(1).replace(",", ""))))
        (events, allocations), (_, baseline) = counts
        if events:
            row.allocations_per_event = (allocations - baseline) / events

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

        if self.args.no_callgrind and self.args.no_allocs:
            return rows
        if shutil.which("valgrind") is None:
            self.log(
                "valgrind not found (benches/install-deps.sh installs it): no instr/allocs per event"
            )
            return rows
        for row in rows:
            if row.failure is None and not self.args.no_callgrind:
                self.log(f"callgrind {row.contender.name} ({piece.name})")
                self.count_instructions(row, piece)
        empty = self.build_dir / "corpus-empty.ndjson"
        empty.touch()
        for row in rows:
            if row.failure is None and not self.args.no_allocs:
                self.log(f"memcheck {row.contender.name} ({piece.name} and {empty.name})")
                self.count_allocations(row, piece, empty)
        return rows

    # Peak memory of a stream over a large input -------------------------------------------

    def big_stream(self, rows: list[Row]) -> list[BigStream]:
        """Each streaming row once over a file of about --big-stream GB (the corpus repeated,
        made for the step and deleted after it), and once over its first 10 events: the
        difference of the two peak RSS figures is what the stream's memory grew by."""
        streams = [r for r in rows if r.contender.stream and r.failure is None]
        if not streams:
            self.log("--big-stream: no streaming contender selected")
            return []
        full, _ = self.corpus()
        tiny = self.slice(full, 10)
        size = full.stat().st_size
        copies = max(1, math.ceil(self.args.big_stream * 1e9 / size))
        big = self.build_dir / "big-stream.ndjson"
        self.log(f"writing {big.name}: the corpus {copies} times ({copies * size / 1e9:.2f} GB)")
        corpus = full.read_bytes()
        if not corpus.endswith(b"\n"):
            corpus += b"\n"
        results = []
        try:
            with big.open("wb") as out:
                for _ in range(copies):
                    out.write(corpus)
            del corpus
            for row in streams:
                self.log(f"big stream {row.contender.name} ({BIG_STREAM_RUNS} runs of each)")
                # Peak RSS of identical runs differs by a few hundred KiB: medians of a few.
                smalls = [
                    run_process(self.argv(row.contender, tiny, 1)) for _ in range(BIG_STREAM_RUNS)
                ]
                larges = [
                    run_process(self.argv(row.contender, big, 1)) for _ in range(BIG_STREAM_RUNS)
                ]
                failed = [f for f in smalls + larges if f.returncode != 0]
                if failed:
                    self.log(
                        f"  {row.contender.name}: exit {failed[0].returncode}\n"
                        f"{tail(failed[0].stdout + failed[0].stderr)}"
                    )
                    continue
                large = sorted(larges, key=lambda f: f.seconds)[len(larges) // 2]
                result = parse_result_line(large.stdout)
                expected = (
                    str(int(row.checksum) * copies)
                    if row.checksum and row.checksum.isdigit()
                    else None
                )
                results.append(
                    BigStream(
                        name=row.contender.name,
                        bytes=big.stat().st_size,
                        events=int(result["events"]),
                        seconds=large.seconds,
                        events_per_sec=float(result["median_events_per_sec"]),
                        max_rss_kib=int(statistics.median(f.max_rss_kib for f in larges)),
                        tiny_max_rss_kib=int(statistics.median(f.max_rss_kib for f in smalls)),
                        checksum_ok=None
                        if expected is None
                        else result.get("checksum") == expected,
                    )
                )
        finally:
            big.unlink(missing_ok=True)
        return results


@dataclasses.dataclass
class BigStream:
    """One streaming program over the big file, and over a tiny one (medians of the runs;
    the timing and checksum are the median-time big run's)."""

    name: str
    bytes: int
    events: int
    seconds: float
    events_per_sec: float
    max_rss_kib: int
    tiny_max_rss_kib: int
    # Whether the checksum is the corpus' times the copies (None: no corpus checksum known).
    checksum_ok: bool | None

    @property
    def growth_kib(self) -> int:
        return self.max_rss_kib - self.tiny_max_rss_kib

    def describe(self) -> str:
        check = {True: "checksum ok", False: "CHECKSUM DIFFERS", None: "checksum not checked"}
        return (
            f"{self.name}: {self.bytes / 1e9:.2f} GB, {self.events:,} events in "
            f"{self.seconds:.1f} s ({self.events_per_sec:,.0f}/s), {check[self.checksum_ok]}; "
            f"max RSS {self.max_rss_kib / 1024:.1f} MiB, on 10 events "
            f"{self.tiny_max_rss_kib / 1024:.1f} MiB: growth {self.growth_kib / 1024:+.2f} MiB "
            f"(medians of {BIG_STREAM_RUNS} runs; identical runs differ by up to ~0.3 MiB; "
            "target: under 16 MiB for 1 GB)"
        )


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
    header = ["contender", "events/s", "spread", "best/s", "instr/event", "allocs/event"]
    header += ["max RSS"]
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
            f"{r.allocations_per_event:.2f}" if r.allocations_per_event is not None else "-",
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
        "--no-allocs", action="store_true", help="skip allocations/event (valgrind memcheck)"
    )
    parser.add_argument(
        "--big-stream",
        type=float,
        nargs="?",
        const=1.0,
        metavar="GB",
        help="also run each streaming contender over a GB-sized file (1; written under the "
        "build folder, deleted after) and report its peak memory growth",
    )
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
    if args.big_stream is not None and args.big_stream <= 0:
        parser.error("--big-stream must be above 0 GB")
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})  # children inherit it
    if args.install_deps:
        subprocess.run(["bash", str(ROOT / "benches" / "install-deps.sh")], check=True)

    bench = Bench(args)
    rows = bench.measure(select(args.only))
    big_streams = bench.big_stream(rows) if args.big_stream else []
    header, cells, notes = table(rows)
    print(
        f"{args.events} events, {args.runs} runs x {args.repeats} repeats; "
        f"instr/event and allocs/event over the first {min(args.callgrind_events, args.events)}"
        " events (callgrind, processing loop only; memcheck, minus a run over no events)"
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
    for big in big_streams:
        print(f"big stream: {big.describe()}")
    if args.json:
        big_by_name = {
            b.name: dict(dataclasses.asdict(b), growth_kib=b.growth_kib) for b in big_streams
        }
        results = [
            {
                "name": r.contender.name,
                "failure": r.failure,
                "events_per_sec": r.rate,
                "runs_events_per_sec": r.rates,
                "instructions_per_event": r.instructions_per_event,
                "allocations_per_event": r.allocations_per_event,
                "max_rss_kib": r.max_rss_kib or None,
                "checksum": r.checksum,
                "errors": r.errors,
                **r.extra,
                **(
                    {"big_stream": big_by_name[r.contender.name]}
                    if r.contender.name in big_by_name
                    else {}
                ),
            }
            for r in rows
        ]
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 1 if any(r.failure for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
