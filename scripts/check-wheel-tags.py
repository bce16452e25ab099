#!/usr/bin/env python3
"""Checks that a wheel carries the platform tags pip takes where the wheel is meant for.

Usage: check-wheel-tags.py WHEEL PLATFORM...

Prints the `Tag:` lines of the wheel's WHEEL file and fails unless there is at least one and
every platform in them and in the file's name starts with one of the PLATFORMs (for a glibc
wheel that any distribution since 2014 takes: `manylinux_2_17 manylinux2014`). A Linux wheel
tagged `linux_x86_64` is refused by PyPI, pip on a glibc distribution skips a `musllinux` one,
and a `manylinux_2_34` one (what a native build on a new distribution gets) is skipped where
glibc is older: in each case pip falls back to the source distribution, which needs Rust.
"""

import os
import sys
import zipfile


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    wheel, platforms = sys.argv[1], tuple(sys.argv[2:])
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.endswith(".dist-info/WHEEL")]
        if len(names) != 1:
            print(f"{wheel}: expected one .dist-info/WHEEL, found {names}", file=sys.stderr)
            return 1
        text = archive.read(names[0]).decode("utf-8")
    tags = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Tag:")]
    for tag in tags:
        print(f"Tag: {tag}")
    # pip reads the tags from the file's name: they must say the same.
    named = os.path.basename(wheel).removesuffix(".whl").split("-")[-3:]
    # A tag's platform part may join several with dots: manylinux_2_17_x86_64.manylinux2014_x86_64
    wrong = [
        tag
        for tag in tags + ["-".join(named) + " (the file name)"]
        if not all(p.startswith(platforms) for p in tag.split()[0].split("-")[-1].split("."))
    ]
    if not tags or wrong:
        print(
            f"{wheel}: every platform tag must start with {' or '.join(platforms)};"
            f" wrong: {wrong or 'no Tag line'}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
