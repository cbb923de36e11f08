#!/usr/bin/env python3
"""Summarises perf recordings of JVMs (bench/perf-proxy.sh) as samples per 1,000 requests.

  perf_categories.py NAME:PERF_DATA:REQUESTS_PER_SECOND:SECONDS ...

Each sample is put in one category by its innermost frame: kernel (split by syscall below), the JVM's garbage
collection, the JVM's other native code, JIT stubs, each pi-edge class, each Spring Cloud Gateway package, else the
Java package. At the recording's frequency, samples per 1,000 requests divided by the frequency in kHz is
microseconds of CPU per request (1999 Hz: divide by 2).
"""
import collections
import re
import subprocess
import sys


def samples(data):
    """Yields (thread name, [frames, innermost first]) for every sample in a perf recording."""
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,ip,sym,dso"], capture_output=True, text=True,
                         check=True).stdout
    thread, frames = None, []
    for line in out.split("\n"):
        if not line.strip():
            if thread is not None:
                yield thread, frames
            thread, frames = None, []
        elif not line.startswith("\t"):
            thread = line.strip()
        else:
            frames.append(re.sub(r"^\s*[0-9a-f]+ ", "", line))
    if thread is not None:
        yield thread, frames


def category(frames):
    if not frames:
        return "unknown"
    leaf = frames[0]
    if "[kernel" in leaf or "kallsyms" in leaf:
        return "kernel"
    if "libjvm" in leaf:
        if any(re.search(r"GenCollect|DefNew|G1|Serial|Tenured|VM_GC|CollectedHeap", f) for f in frames):
            return "jvm: garbage collection"
        return "jvm: other"
    if "vtable" in leaf or "itable" in leaf or "StubRoutines" in leaf:
        return "jit stubs (virtual calls, copies)"
    piedge = re.search(r"dev\.piedge\.(?:\w+\.)*([A-Z]\w*)", leaf)
    if piedge:
        return "pi-edge: " + piedge.group(1)
    gateway = re.search(r"springframework\.cloud\.gateway\.((?:[a-z]\w*\.)*)[A-Z]", leaf)
    if gateway:
        return "gateway: " + gateway.group(1).rstrip(".")
    package = re.search(r"(?:^|\s)((?:[a-z]\w*\.){1,3})(?:[a-z]\w*\.)*[A-Z]", leaf)
    return package.group(1).rstrip(".") if package else "other native (libc, vdso)"


def syscall(frames):
    for frame in frames:
        match = re.search(r"__x64_sys_(\w+)|(handle_softirqs)|(asm_sysvec_\w+)", frame)
        if match:
            return next(g for g in match.groups() if g)
    return "other"


def main(setups):
    names, by_category, by_syscall = [], {}, {}
    for setup in setups:
        name, data, rate, seconds = setup.split(":")
        per_k = 1000 / (float(rate) * float(seconds))
        categories, syscalls = collections.Counter(), collections.Counter()
        for thread, frames in samples(data):
            kind = category(frames)
            categories[kind] += 1
            categories["TOTAL"] += 1
            if kind == "kernel":
                syscalls[f"{thread[:15]}: {syscall(frames)}"] += 1
        names.append(name)
        by_category[name] = {k: v * per_k for k, v in categories.items()}
        by_syscall[name] = {k: v * per_k for k, v in syscalls.items()}
    for title, table, rows in (("samples per 1,000 requests, by category", by_category, 32),
                               ("kernel samples per 1,000 requests, by thread and syscall", by_syscall, 12)):
        keys = sorted(set().union(*table.values()), key=lambda k: -max(t.get(k, 0) for t in table.values()))
        print(f"\n{title}")
        print(f"{'':44}" + "".join(f"{n:>10}" for n in names))
        for key in keys[:rows]:
            print(f"{key[:44]:44}" + "".join(f"{table[n].get(key, 0):10.1f}" for n in names))


if __name__ == "__main__":
    main(sys.argv[1:])
