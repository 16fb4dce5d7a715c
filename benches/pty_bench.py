#!/usr/bin/env python3
"""Pseudo-terminal benchmark: jx-dash (release) against htop and btop, in one run on one machine.

    python3 benches/pty_bench.py [--runs 5] [--size 80x24] [--idle 5] [--bin PATH] [--no-build]

Builds `cargo build --release` (honouring CARGO_TARGET_DIR) unless --bin or --no-build is given,
then drives each program with the team's ptyprobe.py (pyte screen, real pty; its path in
--probe or $PTYPROBE) and prints a
markdown table of medians over --runs runs, with the range (min–max) where runs differ:

- time to first frame: from exec until a marker of the last-drawn line is on screen
  (jx-dash: "quit" in the key hints; htop: "F10Quit"; btop: "select" under the process list).
  This includes ptyprobe's own work: pyte parses jx-dash's 4 KB first frame in about 6.5 ms and
  renders the screen to text in about 1.7 ms per check on this machine. So a second row times the
  same marker in the raw byte stream, without a terminal emulator (the program's own time);
- bytes of the first frame: everything written until the screen has been quiet for 150 ms;
- bytes per view switch: jx-dash `Tab` (next dashboard tab); htop `Tab` (Main ↔ I/O screen
  tabs); btop `p` (next layout preset, btop has no tabs). Median over 4 presses per run;
- idle bytes and CPU seconds over --idle seconds with no input;
- peak RSS: VmHWM from /proc/PID/status at the end of the run (ptyprobe's peak_rss_kib).

htop and btop come from Debian (`apt-get install -y htop btop`), pyte from PyPI (`pip install
pyte`). A program that is not installed is reported as missing, not measured.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The team's pseudo-terminal probe (pyte screen, real pty); not part of this repository.
PTYPROBE = os.environ.get("PTYPROBE", "")

def programs(jx_bin):
    return [
        # name, command, first-frame marker on screen and in the raw bytes, view-switch key, what
        # the key does. htop writes "F10" and "Quit" in two colors, so the raw marker is "Quit".
        ("jx-dash", [jx_bin], ("quit", "quit"), "Tab", "Tab: next dashboard tab"),
        ("htop", ["htop"], ("F10Quit", "Quit"), "Tab", "Tab: Main ↔ I/O screen tab"),
        ("btop", ["btop"], ("select", "select"), "p", "p: next layout preset"),
    ]


def probe(cmd, marker, key, size, idle, home):
    script = ";".join([f"key:{key}"] * 4 + [f"idle:{idle}"])
    env = ["--env", "LANG=C.UTF-8", "--env", "LC_ALL=C.UTF-8", "--env", f"HOME={home}"]
    out = subprocess.run(
        [sys.executable, PTYPROBE, "--size", size, "--timeout", "10", "--wait-for", marker,
         "--script", script, *env, "--", *cmd],
        check=True, capture_output=True, text=True,
    ).stdout
    report = json.loads(out)
    steps = report["steps"]
    switches = [s["bytes"] for s in steps if s["step"].startswith("key:")]
    idle_step = next(s for s in steps if s["step"].startswith("idle:"))
    return {
        "first_frame_ms": None if report["first_frame_s"] is None else report["first_frame_s"] * 1000,
        "first_frame_bytes": report["startup_bytes"],
        "switch_bytes": statistics.median(switches) if switches else None,
        "idle_bytes": idle_step["bytes"],
        "idle_cpu_s": idle_step.get("cpu_s"),
        "rss_mib": None if report["peak_rss_kib"] is None else report["peak_rss_kib"] / 1024,
    }


def raw_first_frame_ms(cmd, marker, size, home, timeout=10.0):
    """Milliseconds from fork+exec until `marker` is in the bytes the program wrote (no emulator)."""
    cols, rows = (int(x) for x in size.lower().split("x"))
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=home,
               COLUMNS=str(cols), LINES=str(rows))
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvpe(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    found = None
    want = marker.encode()
    while time.monotonic() - t0 < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            seen += data
            if want in seen:
                found = (time.monotonic() - t0) * 1000
                break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return found


def summary(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    median = statistics.median(values)
    lo, hi = min(values), max(values)
    if fmt(lo) == fmt(hi):
        return fmt(median)
    return f"{fmt(median)} ({fmt(lo)}–{fmt(hi)})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--idle", type=float, default=5.0)
    ap.add_argument("--bin", default=None, help="the jx-dash binary (default: build the release one)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--json", default=None, help="also write every run's numbers here")
    ap.add_argument("--probe", default=None, help="path of ptyprobe.py (default: $PTYPROBE)")
    a = ap.parse_args()
    global PTYPROBE
    PTYPROBE = a.probe or PTYPROBE
    if not PTYPROBE or not os.path.exists(PTYPROBE):
        sys.exit("no ptyprobe.py: pass --probe PATH or set PTYPROBE")

    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    jx_bin = a.bin or os.path.join(target, "release", "jx-dash")
    if a.bin is None and not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    if not os.path.exists(jx_bin):
        sys.exit(f"no jx-dash binary at {jx_bin}")

    rows = {}
    raw = {}
    home = tempfile.mkdtemp(prefix="pty-bench-home-")  # btop writes its config under $HOME
    try:
        for name, cmd, marker, key, what in programs(jx_bin):
            if shutil.which(cmd[0]) is None and not os.path.exists(cmd[0]):
                rows[name] = None
                continue
            runs = [probe(cmd, marker[0], key, a.size, a.idle, home) for _ in range(a.runs)]
            for run in runs:
                run["raw_first_frame_ms"] = raw_first_frame_ms(cmd, marker[1], a.size, home)
            raw[name] = runs
            rows[name] = (what, runs)
    finally:
        shutil.rmtree(home, ignore_errors=True)

    metrics = [
        ("time to first frame (ptyprobe, pyte)", "first_frame_ms", lambda v: f"{v:.1f} ms", "≤ 15 ms"),
        ("time to first frame (raw bytes)", "raw_first_frame_ms", lambda v: f"{v:.1f} ms", "≤ 15 ms"),
        ("bytes of the first frame", "first_frame_bytes", lambda v: f"{v:,.0f}", "≤ 8 KB"),
        ("bytes per view switch", "switch_bytes", lambda v: f"{v:,.0f}", "≤ 6 KB"),
        (f"bytes while idle, {a.idle:g} s", "idle_bytes", lambda v: f"{v:,.0f}", "0"),
        (f"CPU while idle, {a.idle:g} s", "idle_cpu_s", lambda v: f"{v:.2f} s", "0"),
        ("peak RSS", "rss_mib", lambda v: f"{v:.1f} MB", "≤ 15 MB"),
    ]
    names = ["jx-dash", "htop", "btop"]
    print(f"{a.size}, median of {a.runs} runs (range), `python3 benches/pty_bench.py`:\n")
    print("| what | " + " | ".join(names) + " | budget (jx-dash) |")
    print("|---|" + "---|" * len(names) + "---|")
    for label, key, fmt, budget in metrics:
        cells = []
        for n in names:
            if rows.get(n) is None:
                cells.append("not installed")
            else:
                cells.append(summary([r[key] for r in rows[n][1]], fmt))
        print(f"| {label} | " + " | ".join(cells) + f" | {budget} |")
    print()
    print("View switch: " + "; ".join(f"{n}: {rows[n][0]}" for n in names if rows.get(n)) + ".")
    versions = []
    for tool in ("htop", "btop"):
        if shutil.which(tool):
            v = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.splitlines()
            versions.append(v[0] if v else tool)
    if versions:
        print("Versions: " + ", ".join(versions) + ".")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(raw, f, indent=1)


if __name__ == "__main__":
    main()
