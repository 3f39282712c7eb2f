"""make layer: build the third-party dependency layer reproducibly, without Docker.

The runtime dependencies come from pyproject.toml at the versions pinned in
requirements.lock, as binary wheels for the Lambda platform (manylinux, arm64, CPython 3.12)
installed with pip's cross-platform options. What the Lambda Python runtime already provides
(boto3, botocore and their dependencies) is left out: it would add ~80 MB to every function.
"""

import argparse
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVIDED_BY_RUNTIME = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "dateutil", "six")


def runtime_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [req for req in project["dependencies"] if req.split("==")[0] not in PROVIDED_BY_RUNTIME]


def build(platform: str, python_version: str, target: Path) -> None:
    site = target / "python"
    shutil.rmtree(target, ignore_errors=True)
    site.mkdir(parents=True)
    subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--platform",
            platform,
            "--implementation",
            "cp",
            "--python-version",
            python_version,
            "--only-binary=:all:",
            "--target",
            str(site),
            "-c",
            str(ROOT / "requirements.lock"),
            *runtime_requirements(),
        ],
        check=True,
    )
    for name in PROVIDED_BY_RUNTIME:
        for path in [
            *site.glob(name),
            *site.glob(f"{name}.py"),
            *site.glob(f"{name}-*.dist-info"),
            *site.glob(f"python_{name}-*.dist-info"),
        ]:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for generated in [*site.rglob("__pycache__"), site / "bin"]:
        shutil.rmtree(generated, ignore_errors=True)
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    print(f"dependency layer: {target} ({size / 1e6:.1f} MB unzipped, limit 250 MB with the function)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", default="manylinux2014_aarch64")
    parser.add_argument("--python-version", default="3.12")
    parser.add_argument("--target", type=Path, default=ROOT / "build" / "layers" / "deps")
    args = parser.parse_args()
    build(args.platform, args.python_version, args.target)


if __name__ == "__main__":
    main()
