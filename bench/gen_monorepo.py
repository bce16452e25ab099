#!/usr/bin/env python3
"""Writes a `git fast-import` stream for a monorepo where postmortems are a small subfolder:
8,000 code files, 243 postmortems under docs/postmortems, 7,500 commits of which most touch
only code. Deterministic for a seed. Usage: gen_monorepo.py [--seed N] | git fast-import"""
import random
import sys

seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
rng = random.Random(seed)
out = sys.stdout.buffer
mark = 0
time = 1_640_995_200  # 2022-01-01


def data(text):
    raw = text.encode()
    out.write(b"data %d\n" % len(raw) + raw + b"\n")


def postmortem(n, statuses):
    rows = "".join(
        f"| {i + 1} | Fix {n}-{i} in the release pipeline step {i} | @team{i % 5} | 2026-0{1 + i % 9}-15 | "
        f"{['prevent', 'mitigate', 'detect'][i % 3]} | {s} |\n"
        for i, s in enumerate(statuses)
    )
    return (
        f"# Postmortem {n}: service {n % 17} outage\n\n## Summary\n\nThe service failed.\n\n"
        "## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n" + rows
    )


def commit(files, message):
    global mark, time
    mark += 1
    time += rng.randint(600, 20_000)
    out.write(b"commit refs/heads/main\nmark :%d\n" % mark)
    out.write(b"committer Dev <dev@example.com> %d +0000\n" % time)
    data(message)
    if mark > 1:
        out.write(b"from :%d\n" % (mark - 1))
    for path, text in files:
        out.write(f"M 100644 inline {path}\n".encode())
        data(text)


code = [f"src/{a}/{b}/file{c}.rs" for a in range(20) for b in range(20) for c in range(20)]
commit([(p, f"// {p}\nfn main() {{}}\n") for p in code], "initial code")
postmortems = {}
for n in range(7_499):
    if n % 31 == 0 and len(postmortems) < 243:
        k = len(postmortems)
        postmortems[k] = ["open"] * rng.randint(2, 6)
        commit([(f"docs/postmortems/pm-{k:03}.md", postmortem(k, postmortems[k]))], "postmortem")
    elif n % 13 == 0 and postmortems:
        k = rng.choice(list(postmortems))
        s = postmortems[k]
        s[rng.randrange(len(s))] = rng.choice(["done", "in progress", "wontfix: superseded"])
        commit([(f"docs/postmortems/pm-{k:03}.md", postmortem(k, s))], "status")
    else:
        touched = rng.sample(code, rng.randint(1, 3))
        commit([(p, f"// {p}\n// change {n}\nfn main() {{}}\n") for p in touched], "code")
