#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds chipgap's wheel from a finished build, with the standard library only (no PyPI on the build
machines, so no setuptools build step): the compiled _chipgap extension, the chipgap package, and the data
directory in the wheel's data scheme, which pip installs under the environment's prefix as
share/chipgap/data (where chipgap looks for it).

    build_wheel.py --version 0.1.0 --extension build/python/_chipgap....so --package python/chipgap \
                   --data data --out build/python/dist
"""
import argparse
import base64
import hashlib
import pathlib
import sys
import sysconfig
import zipfile


def record_line(name: str, content: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(content)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for flag in ("--version", "--extension", "--package", "--data", "--out"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()

    # The tags of the interpreter that built the extension: it loads only there (e.g. cp311-cp311-linux_x86_64).
    python_tag = "cp" + sysconfig.get_config_var("py_version_nodot")
    platform_tag = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    tag = f"{python_tag}-{python_tag}-{platform_tag}"
    dist_info = f"chipgap-{args.version}.dist-info"
    data_scheme = f"chipgap-{args.version}.data/data/share/chipgap/data"

    files: list[tuple[str, bytes]] = []
    extension = pathlib.Path(args.extension)
    files.append((extension.name, extension.read_bytes()))
    package = pathlib.Path(args.package)
    for path in sorted(package.rglob("*.py")):
        files.append((f"chipgap/{path.relative_to(package).as_posix()}", path.read_bytes()))
    data = pathlib.Path(args.data)
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        files.append((f"{data_scheme}/{path.relative_to(data).as_posix()}", path.read_bytes()))
    files.append((f"{dist_info}/METADATA", (
        "Metadata-Version: 2.1\n"
        "Name: chipgap\n"
        f"Version: {args.version}\n"
        "Summary: AI accelerators under export controls: rules engine, performance models, cited catalog\n"
        "License: Apache-2.0\n"
        "Requires-Python: >=3.11\n"
        "Requires-Dist: pandas\n").encode()))
    files.append((f"{dist_info}/WHEEL", (
        "Wheel-Version: 1.0\n"
        "Generator: chipgap scripts/build_wheel.py\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {tag}\n").encode()))
    files.append((f"{dist_info}/top_level.txt", b"_chipgap\nchipgap\n"))

    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("chipgap-*.whl"):
        old.unlink()
    wheel = out / f"chipgap-{args.version}-{tag}.whl"
    record = [record_line(name, content) for name, content in files] + [f"{dist_info}/RECORD,,"]
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, content, zipfile.ZIP_DEFLATED)
        archive.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    print(f"wheel: {wheel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
