"""Summarises `jfr print --events jdk.ExecutionSample` (stdin): the top methods by inclusive samples (a method
counted once per sample it is anywhere on the stack), the top pi-edge methods (dev.piedge.*), and the top
leaf methods (self time), each as a percentage of all samples. Used by bench/profile-proxy.sh."""
import collections
import re
import sys

frame = re.compile(r"^\s+([\w$.<>/]+)\((.*?)\)\s+line:")
samples = []
stack = None
for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        stack = []
        samples.append(stack)
    elif stack is not None:
        m = frame.match(line)
        if m:
            stack.append(m.group(1))
total = len(samples) or 1
inclusive, leaf, piedge = collections.Counter(), collections.Counter(), collections.Counter()
for s in samples:
    if s:
        leaf[s[0]] += 1
    for method in set(s):
        inclusive[method] += 1
        if method.startswith("dev.piedge."):
            piedge[method] += 1


def show(title, counter, n):
    print(f"-- {title}")
    for method, count in counter.most_common(n):
        print(f"{100 * count / total:6.1f}%  {method}")



# Costs by kind: a sample counts for each kind it has a frame of (inclusive), so kinds can overlap.
kinds = {
    "micrometer / observation": ("io.micrometer.",),
    "logging (logback, slf4j, commons-logging)": ("ch.qos.logback.", "org.slf4j.", "org.apache.commons.logging."),
    "caffeine": ("com.github.benmanes.caffeine.",),
    "regex": ("java.util.regex.",),
    "pi-edge": ("dev.piedge.",),
    "spring actuator": ("org.springframework.boot.actuate", "org.springframework.boot.micrometer"),
    "gateway observation": ("org.springframework.cloud.gateway.filter.headers.observation",),
    "jfr itself": ("jdk.jfr.",),
}
print(f"{len(samples)} samples")
by_kind = collections.Counter()
for s in samples:
    for kind, prefixes in kinds.items():
        if any(m.startswith(prefixes) for m in s):
            by_kind[kind] += 1
show("by kind, inclusive", by_kind, len(kinds))
by_class = collections.Counter()
for s in samples:
    for cls in {m.rsplit(".", 1)[0] for m in s}:
        by_class[cls] += 1
show("top classes, inclusive", by_class, 150)

show("top pi-edge methods, inclusive", piedge, 40)
show("top leaf methods (self)", leaf, 40)
show("top methods, inclusive", inclusive, 80)
